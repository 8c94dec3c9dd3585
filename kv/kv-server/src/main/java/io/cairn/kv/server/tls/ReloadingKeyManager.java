package io.cairn.kv.server.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The member's own certificate and key, taken from files that may be replaced while it runs.
 *
 * <p>Why an alias per generation: JSSE asks for an alias, then for the chain and the key of that alias in separate
 * calls; naming each loaded pair differently keeps a rotation between those calls from pairing a new chain with
 * an old key.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private record Identity(String alias, X509Certificate[] chain, PrivateKey key) {
    }

    private final WatchedFiles<Identity> files;
    private volatile Identity handedOut;
    private volatile Identity previous;

    ReloadingKeyManager(Path certFile, Path keyFile, LongSupplier nanoTime) throws IOException {
        long[] generation = {0};
        this.files = new WatchedFiles<>(List.of(certFile, keyFile), () -> {
            List<X509Certificate> chain = PemFiles.certificates(certFile);
            PrivateKey key = PemFiles.privateKey(keyFile);
            if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
                throw new IOException("tls: private key type does not match public key type (" + keyFile + ", "
                        + certFile + ")");
            }
            return new Identity("cairn-" + generation[0]++, chain.toArray(X509Certificate[]::new), key);
        }, nanoTime);
    }

    private synchronized Identity current() {
        Identity now = files.get();
        if (handedOut != now) {
            previous = handedOut; // a handshake may still ask for the chain or key of the alias it was given
            handedOut = now;
        }
        return now;
    }

    private Identity byAlias(String alias) {
        Identity now = files.get();
        if (now.alias().equals(alias)) {
            return now;
        }
        Identity before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }

    private String aliasFor(String keyType) {
        Identity id = current();
        return keyType == null || id.key().getAlgorithm().equals(keyType) ? id.alias() : null;
    }

    private String aliasFor(String[] keyTypes) {
        if (keyTypes == null) {
            return current().alias();
        }
        for (String keyType : keyTypes) {
            String alias = aliasFor(keyType);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Identity id = byAlias(alias);
        return id == null ? null : id.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Identity id = byAlias(alias);
        return id == null ? null : id.key();
    }
}
