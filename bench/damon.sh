# Shared by the bench scripts (source it): the kernel's DAMON memory monitor, which some virtual machines run. On a
# kernel without preemption its sampling pass holds a core for 10-30 ms every half second, which shows in a JVM
# server's tail latency (docs/benchmarks.md). damon_pause turns every running monitor off (root) and damon_resume
# turns those on again; call damon_resume from the script's EXIT trap. damon_state says which case a run was in.

DAMON_ON=()
for _f in /sys/kernel/mm/damon/admin/kdamonds/*/state; do
  if [ -r "$_f" ] && [ "$(cat "$_f")" = on ]; then DAMON_ON+=("$_f"); fi
done
unset _f
DAMON_PAUSED=()

damon_pause() {
  local f
  for f in "${DAMON_ON[@]}"; do
    echo off >"$f" 2>/dev/null || { echo "cannot turn DAMON off ($f): pausing it needs root" >&2; return 1; }
    DAMON_PAUSED+=("$f")
  done
}

damon_resume() {
  local f
  for f in "${DAMON_PAUSED[@]}"; do echo on >"$f" || echo "could not turn DAMON on again ($f)" >&2; done
  DAMON_PAUSED=()
}

damon_state() {
  if [ ${#DAMON_ON[@]} -eq 0 ]; then echo "no DAMON monitor"
  elif [ ${#DAMON_PAUSED[@]} -gt 0 ]; then echo "DAMON paused for the run"
  else echo "DAMON on"; fi
}
