package io.cairn.kv.server.concurrency;

/**
 * The failures of the lock and election recipes themselves, with etcd's exact messages.
 *
 * <p>Why: etcd returns these as plain Go errors from its concurrency package and its service layer, which gRPC
 * sends as {@code UNKNOWN} with the message; clients such as jetcd recognise them by message ("election: no
 * leader" becomes jetcd's {@code NoLeaderException}). A closed set keeps {@link ConcurrencyErrors} exhaustive.
 */
sealed abstract class RecipeException extends RuntimeException {

    private RecipeException(String message) {
        super(message, null, false, false);
    }

    /** Leader or Observe on an election nobody holds ({@code concurrency.ErrElectionNoLeader}). */
    static final class NoLeader extends RecipeException {
        NoLeader() {
            super("election: no leader");
        }
    }

    /** Proclaim with a leader key that is not (or no longer) the leader's ({@code ErrElectionNotLeader}). */
    static final class NotLeader extends RecipeException {
        NotLeader() {
            super("election: not leader");
        }
    }

    /** The lock key vanished (its lease expired) while waiting for the lock ({@code ErrSessionExpired}). */
    static final class SessionExpired extends RecipeException {
        SessionExpired() {
            super("mutex: session is expired");
        }
    }

    /** Proclaim or Resign without a leader key ({@code v3election.ErrMissingLeaderKey}). */
    static final class MissingLeaderKey extends RecipeException {
        MissingLeaderKey() {
            super("\"leader\" field must be provided");
        }
    }

    /** The watch a wait depended on ended without a delete and without an error. */
    static final class LostWatcher extends RecipeException {
        LostWatcher() {
            super("lost watcher waiting for delete");
        }
    }
}
