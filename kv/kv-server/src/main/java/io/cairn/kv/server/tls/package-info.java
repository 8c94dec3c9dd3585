/**
 * TLS key material for the client and peer ports: PEM certificates and keys that are re-read when they change on
 * disk, trusted CA bundles, etcd's self-signed {@code auto-tls} certificates and etcd's cipher-suite names.
 *
 * <p>{@link io.cairn.kv.server.tls.TlsMaterial} is the entry; it yields JSSE key and trust managers, so that
 * both the gRPC server (shaded Netty) and the peer transport (Bolt's Netty) build their TLS contexts from the same
 * files.
 */
package io.cairn.kv.server.tls;
