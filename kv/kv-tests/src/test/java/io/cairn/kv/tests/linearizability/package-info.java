/**
 * A linearizability checker for histories of etcd KV operations, in the style of Wing and Gong, Lowe, and
 * Porcupine, for Cairn's fault-injection tests.
 *
 * <p>Why: a replicated store can lose an acknowledged write, use a revision twice or serve a stale read only under
 * faults, and only a check of what the clients saw, against etcd's sequential semantics, finds that without knowing
 * where to look.
 *
 * <h2>Recording</h2>
 * A {@link io.cairn.kv.tests.linearizability.HistoryRecorder} takes an injected monotonic clock (and the store's
 * revision at the start, when it is not a fresh store). Each client thread calls {@code invokePut},
 * {@code invokeGet}, {@code invokeDelete} or {@code invokeTxn} just before sending a request and completes the
 * returned {@link io.cairn.kv.tests.linearizability.Pending} once: {@code okPut(revision)},
 * {@code okGet(revision, value, createRevision, modRevision, version)}, {@code okGetAbsent(revision)},
 * {@code okDelete(revision, deleted)}, {@code okTxn(revision, succeeded, results)}; {@code failed(reason)} only when
 * the store certainly did not apply the request; {@code unknown(reason)} for a timeout, a lost connection, a leader
 * change, or any doubt. Keys and values are {@code byte[]} or {@code String}, revisions {@code long}: nothing here
 * depends on a client library.
 *
 * <pre>{@code
 * HistoryRecorder recorder = HistoryRecorder.create(System::nanoTime);
 * Pending call = recorder.invokePut(clientId, "k1", "v7");
 * try { call.okPut(kv.put(k1, v7).get(2, SECONDS).getHeader().getRevision()); }
 * catch (TimeoutException | ExecutionException e) { call.unknown(e.toString()); }
 * Report report = LinearizabilityChecker.check(recorder.history());
 * assertThat(report.isLinearizable()).as(report.toString()).isTrue();
 * }</pre>
 *
 * <h2>What is checked</h2>
 * {@link io.cairn.kv.tests.linearizability.LinearizabilityChecker} looks for one total order that respects real time
 * and replays, from an empty store at the initial revision, to exactly the observed responses: values, create and
 * mod revisions, versions, txn branches and per-operation results, and every header revision (a write creates the
 * next revision, once per txn; a read reports the current one). The history is searched as a whole — revisions
 * couple all keys, so splitting it by key would be unsound. The answer is a
 * {@link io.cairn.kv.tests.linearizability.Report}: {@code LINEARIZABLE}, {@code NOT_LINEARIZABLE} with the longest
 * linearizable prefix and the operations that could not follow it, or {@code UNKNOWN} when the
 * {@link io.cairn.kv.tests.linearizability.Budget} (model steps, optionally a deadline) ran out.
 *
 * <h2>Limits</h2>
 * Single-key operations only (no ranges, no leases); the keys must be absent at the start and written by nobody
 * outside the history; every write to the store during the history must be in it, or revisions will not match.
 * The search is pruned by what responses reveal (revisions never go down; a read of mod revision m fixes what the
 * write of m left), so histories of a few thousand operations from up to 16 clients with a few percent unknown
 * outcomes take well under a million steps (about a second or two). Many long-lived unknown writes grow the search;
 * a fault test that causes many should keep each history to a few hundred operations around each fault. The
 * search's memory grows with steps times history length (a bit per operation per configuration explored), which is
 * why {@link io.cairn.kv.tests.linearizability.LinearizabilityChecker#DEFAULT_BUDGET} is a million steps.
 */
package io.cairn.kv.tests.linearizability;
