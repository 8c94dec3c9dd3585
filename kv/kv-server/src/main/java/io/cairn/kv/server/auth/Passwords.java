package io.cairn.kv.server.auth;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt hashing of passwords, as etcd stores them ({@code $2a$} form, cost {@code --bcrypt-cost}).
 *
 * <p>Why at the proposing member: the hash, not the password, goes into the Raft log, so no plaintext password
 * is ever written to disk, and every member stores the same bytes (the salt is chosen once).
 */
public final class Passwords {

    /** bcrypt's bounds, as etcd's Go bcrypt package has them. */
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;
    public static final int DEFAULT_COST = 10;

    private final int cost;
    private final SecureRandom random;

    /** @param cost the bcrypt cost; out of bounds, etcd falls back to the default (as here) */
    public Passwords(int cost, SecureRandom random) {
        this.cost = cost < MIN_COST || cost > MAX_COST ? DEFAULT_COST : cost;
        this.random = random;
    }

    /** True when {@code cost} is one bcrypt accepts. */
    public static boolean validCost(int cost) {
        return cost >= MIN_COST && cost <= MAX_COST;
    }

    public int cost() {
        return cost;
    }

    /** A new salted hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, cost);
    }

    /** True when {@code password} matches {@code hash}; false for a malformed hash. */
    static boolean matches(String hash, String password) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
