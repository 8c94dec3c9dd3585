package io.cairn.kv.server.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * etcd's simple tokens: 16 random letters, a dot, and the raft index of the Authenticate entry.
 *
 * <p>Every member registers the token when it applies that entry (as etcd does), so a token issued by one
 * member works at any member that has applied the entry; a member that has not yet waits for it. A token
 * lives {@code --auth-token-ttl} after its last use; tokens are memory only and die with the member or when
 * auth is disabled, the user deleted or its password changed.
 */
final class SimpleTokens implements TokenProvider {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int LENGTH = 16;

    private record Entry(String user, long expiresAtMillis) {
    }

    private final long ttlMillis;
    private final LongSupplier nowMillis;
    private final RandomGenerator random;
    private final LongPredicate awaitApplied;
    private final Map<String, Entry> tokens = new HashMap<>();
    private boolean enabled;

    SimpleTokens(Duration ttl, LongSupplier nowMillis, RandomGenerator random, LongPredicate awaitApplied) {
        this.ttlMillis = ttl.isZero() || ttl.isNegative() ? 300_000 : ttl.toMillis();
        this.nowMillis = nowMillis;
        this.random = random;
        this.awaitApplied = awaitApplied;
    }

    @Override
    public Optional<AuthInfo> info(String token, long currentRevision) {
        int dot = token.indexOf('.');
        if (dot < 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        long index;
        try {
            index = Long.parseLong(token.substring(dot + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<AuthInfo> found = lookup(token, currentRevision);
        if (found.isEmpty() && awaitApplied.test(index)) {
            found = lookup(token, currentRevision); // the entry was applied meanwhile
        }
        return found;
    }

    private synchronized Optional<AuthInfo> lookup(String token, long currentRevision) {
        Entry e = tokens.get(token);
        if (e == null) {
            return Optional.empty();
        }
        long now = nowMillis.getAsLong();
        if (now >= e.expiresAtMillis()) {
            tokens.remove(token);
            return Optional.empty();
        }
        tokens.put(token, new Entry(e.user(), now + ttlMillis)); // use extends the life
        return Optional.of(new AuthInfo(e.user(), currentRevision));
    }

    @Override
    public synchronized String assign(String user, long revision, String prefix, long index) {
        String token = prefix + "." + index;
        if (!enabled) {
            return token; // as etcd: not remembered while auth is off
        }
        long now = nowMillis.getAsLong();
        tokens.values().removeIf(e -> now >= e.expiresAtMillis());
        tokens.put(token, new Entry(user, now + ttlMillis));
        return token;
    }

    @Override
    public String newPrefix() {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    @Override
    public synchronized void enable() {
        enabled = true;
    }

    @Override
    public synchronized void disable() {
        enabled = false;
        tokens.clear();
    }

    @Override
    public synchronized void invalidateUser(String user) {
        for (Iterator<Entry> i = tokens.values().iterator(); i.hasNext(); ) {
            if (i.next().user().equals(user)) {
                i.remove();
            }
        }
    }
}
