package io.cairn.cli;

import io.cairn.apiserver.ApiServer;
import io.cairn.apiserver.ApiServerConfig;
import io.cairn.kv.server.KvServer;
import io.cairn.kv.server.KvServerConfig;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link ServerRunner}: starts a {@link KvServer}, says when it is ready, and closes it on shutdown.
 *
 * <p>Why: this is the only place the CLI touches the process (shutdown hooks, blocking the main thread), so the
 * rest stays testable. A startup failure (a port in use, an unusable data directory) is one line,
 * {@code cairn: <message>}, and status 1, like etcd; the stack trace is logged at debug level for whoever needs it.
 */
final class KvServerRunner implements ServerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(KvServerRunner.class);

    private final Function<KvServerConfig, KvServer> factory;
    private final BiFunction<ApiServerConfig, io.grpc.Channel, ApiServer> apiFactory;
    private final PrintStream err;
    private final Runtime runtime;
    private final Runnable whenReady;

    KvServerRunner(Function<KvServerConfig, KvServer> factory, PrintStream err, Runtime runtime) {
        this(factory, ApiServer::create, err, runtime, () -> { });
    }

    /**
     * @param whenReady runs once the member (and its API server, if any) serves, after the "ready" lines
     */
    KvServerRunner(Function<KvServerConfig, KvServer> factory,
                   BiFunction<ApiServerConfig, io.grpc.Channel, ApiServer> apiFactory, PrintStream err,
                   Runtime runtime, Runnable whenReady) {
        this.factory = factory;
        this.apiFactory = apiFactory;
        this.err = err;
        this.runtime = runtime;
        this.whenReady = whenReady;
    }

    @Override
    public int run(ServerPlan plan, Logging logging) {
        logging.apply();
        KvServerConfig config = plan.store();
        KvServer server = null;
        ApiServer api = null;
        try {
            server = factory.apply(config);
            server.start();
            if (plan.api().listen().isPresent()) {
                api = apiFactory.apply(apiConfig(plan.api(), config), server.embeddedChannel()).start();
            }
        } catch (RuntimeException e) {
            LOG.debug("startup failed", e);
            err.println("cairn: " + describe(e));
            if (server != null) {
                closeAfterFailedStart(server);
            }
            return 1;
        }
        KvServer started = server;
        ApiServer startedApi = api;
        Runnable stop = () -> {
            if (startedApi != null) {
                startedApi.close();
            }
            started.close();
        };
        Thread hook = new Thread(stop, "cairn-shutdown");
        runtime.addShutdownHook(hook);
        err.println("cairn: ready to serve client requests on " + addresses(server)
                + " (member \"" + config.name() + "\", data dir " + config.dataDir() + ")");
        if (api != null) {
            InetSocketAddress a = api.address();
            err.println("cairn: Kubernetes API server ready on https://" + hostForUrl(a) + ":" + a.getPort()
                    + " (kubeconfig " + api.kubeconfig() + ")");
        }
        whenReady.run();
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            removeHook(hook);
            stop.run();
        }
        return 0;
    }

    private static ApiServerConfig apiConfig(ApiServerPlan plan, KvServerConfig store) {
        ApiServerConfig.Builder b = ApiServerConfig.builder(store.dataDir()).listen(plan.listen().orElseThrow())
                .bookmarkInterval(plan.bookmarkInterval());
        plan.kubeconfig().ifPresent(b::kubeconfig);
        plan.tokenFile().ifPresent(b::tokenAuthFile);
        return b.build();
    }

    private static String hostForUrl(InetSocketAddress a) {
        String host = a.getHostString();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void closeAfterFailedStart(KvServer server) {
        try {
            server.close();
        } catch (RuntimeException e) {
            LOG.debug("close after failed start", e);
        }
    }

    private void removeHook(Thread hook) {
        try {
            runtime.removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it closes the server
        }
    }

    private static String addresses(KvServer server) {
        return server.clientAddresses().stream().map(KvServerRunner::url).collect(Collectors.joining(", "));
    }

    private static String url(InetSocketAddress address) {
        String host = address.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The exception's message, with its cause's when that adds something. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }
}
