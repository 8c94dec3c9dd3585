package io.cairn.apiserver;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Immutable settings of an {@link ApiServer}.
 *
 * <p>Why: the CLI, tests and embedding applications build the same object; side effects (clock, randomness) are
 * part of it so tests can control them.
 *
 * @param listen the HTTPS address (kube-apiserver's {@code --secure-port}; Cairn's default {@code 127.0.0.1:6443})
 * @param dataDir where the certificate authority and certificates are kept ({@code <dataDir>/apiserver/pki})
 * @param kubeconfig where the admin kubeconfig is written
 * @param tokenAuthFile kube-apiserver's {@code --token-auth-file} (CSV: token,user,uid,"group1,group2"), or null
 * @param prefix the key prefix in the store (kube-apiserver's {@code --etcd-prefix}, default {@code /registry})
 * @param bookmarkInterval how often a watch that asked for bookmarks receives one
 * @param maxRequestBytes the largest request body accepted (kube-apiserver: 3 MiB for writes)
 * @param clock wall clock for timestamps and certificate validity
 * @param random randomness for uids and generated names
 */
public record ApiServerConfig(InetSocketAddress listen, Path dataDir, Path kubeconfig, Path tokenAuthFile,
                              String prefix, Duration bookmarkInterval, long maxRequestBytes, Clock clock,
                              RandomGenerator random) {

    /** The default listen address. */
    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 6443);

    public ApiServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(bookmarkInterval, "bookmarkInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /** The token file, when one was configured. */
    public Optional<Path> tokenFile() {
        return Optional.ofNullable(tokenAuthFile);
    }

    /** A builder with Cairn's defaults for the given data directory. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Builds an {@link ApiServerConfig}. */
    public static final class Builder {
        private final Path dataDir;
        private InetSocketAddress listen = DEFAULT_LISTEN;
        private Path kubeconfig;
        private Path tokenAuthFile;
        private String prefix = "/registry";
        private Duration bookmarkInterval = Duration.ofMinutes(1);
        private long maxRequestBytes = 3L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new java.security.SecureRandom();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder listen(InetSocketAddress listen) {
            this.listen = listen;
            return this;
        }

        public Builder kubeconfig(Path kubeconfig) {
            this.kubeconfig = kubeconfig;
            return this;
        }

        public Builder tokenAuthFile(Path tokenAuthFile) {
            this.tokenAuthFile = tokenAuthFile;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder bookmarkInterval(Duration bookmarkInterval) {
            this.bookmarkInterval = bookmarkInterval;
            return this;
        }

        public Builder maxRequestBytes(long maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public ApiServerConfig build() {
            Path kc = kubeconfig != null ? kubeconfig : dataDir.resolve("kubeconfig.yaml");
            return new ApiServerConfig(listen, dataDir, kc, tokenAuthFile, prefix, bookmarkInterval, maxRequestBytes,
                    clock, random);
        }
    }
}
