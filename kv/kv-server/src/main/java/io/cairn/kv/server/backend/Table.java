package io.cairn.kv.server.backend;

import io.cairn.kv.server.schema.Schema;

/** The store's tables, one per RocksDB column family named in {@link Schema}. */
public enum Table {
    /** User key + inverted revision → version ({@link Schema#CF_INDEX}). */
    INDEX(Schema.CF_INDEX),
    /** Revision → user key ({@link Schema#CF_REVISION}). */
    REVISION(Schema.CF_REVISION),
    /** User key → newest version ({@link Schema#CF_LATEST}). */
    LATEST(Schema.CF_LATEST),
    /** Lease id → TTLs ({@link Schema#CF_LEASE}). */
    LEASE(Schema.CF_LEASE),
    /** Lease id ++ user key → attached ({@link Schema#CF_LEASE_KEYS}). */
    LEASE_KEYS(Schema.CF_LEASE_KEYS),
    /** Meta values ({@link Schema#CF_META}). */
    META(Schema.CF_META),
    /** Auth flags ({@link Schema#CF_AUTH}). */
    AUTH(Schema.CF_AUTH),
    /** Users ({@link Schema#CF_AUTH_USERS}). */
    AUTH_USERS(Schema.CF_AUTH_USERS),
    /** Roles ({@link Schema#CF_AUTH_ROLES}). */
    AUTH_ROLES(Schema.CF_AUTH_ROLES);

    private final byte[] columnFamily;

    Table(byte[] columnFamily) {
        this.columnFamily = columnFamily;
    }

    byte[] columnFamily() {
        return columnFamily.clone();
    }
}
