# Shared by the bench scripts (source it): need_commands installs the Debian packages behind any missing command.
# Usage: need_commands etcd:etcd-server etcdctl:etcd-client jq:jq
# A command already on PATH is left alone. Missing ones are installed with apt-get (as root, or through sudo without
# a password prompt); where that is not possible the script stops and names the packages to install.

need_commands() {
  local pair cmd pkg missing=()
  for pair in "$@"; do
    cmd=${pair%%:*} pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local as=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as=(sudo -n); else
      echo "needs ${missing[*]}: run apt-get install -y ${missing[*]} as root" >&2; return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "needs ${missing[*]} (Debian packages), and this machine has no apt-get" >&2; return 1
  fi
  echo "installing ${missing[*]}" >&2
  "${as[@]}" apt-get update -qq >&2 \
    && DEBIAN_FRONTEND=noninteractive "${as[@]}" apt-get install -y -qq "${missing[@]}" >&2 || return 1
  for pair in "$@"; do
    cmd=${pair%%:*}
    command -v "$cmd" >/dev/null 2>&1 || { echo "$cmd is still missing after installing ${missing[*]}" >&2; return 1; }
  done
}
