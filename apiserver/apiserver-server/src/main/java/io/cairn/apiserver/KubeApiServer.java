package io.cairn.apiserver;

import io.cairn.apiserver.crd.CustomResourceDefinitions;
import io.cairn.apiserver.http.ApiRoutes;
import io.cairn.apiserver.openapi.OpenApiService;
import io.cairn.apiserver.pki.ApiServerPki;
import io.cairn.apiserver.pki.Authenticator;
import io.cairn.apiserver.pki.Kubeconfig;
import io.cairn.apiserver.pki.TokenFile;
import io.cairn.apiserver.registry.Keys;
import io.cairn.apiserver.registry.NamespaceFinalizer;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.Discovery;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.store.ObjectStore;
import io.cairn.apiserver.store.WatchCache;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.WebServer;
import io.grpc.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ApiServer} implementation: wires the store client, watch cache, PKI and HTTP routes. */
final class KubeApiServer implements ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(KubeApiServer.class);
    private static final int WATCH_WINDOW = 100_000;
    private final ApiServerConfig config;
    private final Channel channel;
    private WebServer web;
    private WatchCache cache;
    private CustomResourceDefinitions crds;
    private ScheduledExecutorService background;
    private InetSocketAddress bound;

    KubeApiServer(ApiServerConfig config, Channel channel) {
        this.config = config;
        this.channel = channel;
    }

    @Override
    public synchronized ApiServer start() {
        if (web != null) {
            throw new IllegalStateException("the API server was already started");
        }
        try {
            ApiServerPki pki = ApiServerPki.loadOrCreate(config.dataDir(), List.of(config.listen().getHostString()),
                    config.clock());
            Optional<TokenFile> tokens = config.tokenFile().isPresent()
                    ? Optional.of(TokenFile.load(config.tokenFile().get())) : Optional.empty();
            ResourceCatalog catalog = ResourceCatalog.builtIn();
            ObjectStore store = new ObjectStore(channel, Duration.ofSeconds(30));
            crds = CustomResourceDefinitions.create(catalog, config.clock());
            Registry registry = new Registry(store, new Keys(config.prefix()), catalog, config.clock(),
                    config.random(), crds.rules());
            registry.ensureNamespaces(List.of("default", "kube-system", "kube-public", "kube-node-lease"));
            cache = new WatchCache(channel, store, new Keys(config.prefix()).root(), WATCH_WINDOW,
                    ObjectCodec::decode);
            cache.start();
            NamespaceFinalizer finalizer = new NamespaceFinalizer(store, registry, catalog);
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "apiserver-namespace-finalizer");
                t.setDaemon(true);
                return t;
            });
            background.scheduleWithFixedDelay(() -> {
                try {
                    finalizer.runOnce();
                } catch (RuntimeException e) {
                    LOG.debug("namespace finalizer pass failed", e);
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
            crds.start(store, registry, cache, background, r -> {
                Thread t = new Thread(r, "apiserver-crd-watch");
                t.setDaemon(true);
                return t;
            });
            String host = config.listen().getHostString();
            OpenApiService openApi = OpenApiService.create(catalog::all, List.of());
            catalog.onChange(openApi::invalidate);
            ApiRoutes routes = new ApiRoutes(catalog, new Discovery(catalog, host + ":" + config.listen().getPort()),
                    Authenticator.create(tokens, pki.caCertificate(), config.clock()), registry, cache, config.bookmarkInterval(),
                    config.maxRequestBytes(), config.clock(), config.random(),
                    openApi);
            web = WebServer.builder()
                    .address(config.listen().getAddress())
                    .port(config.listen().getPort())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .shutdownGracePeriod(Duration.ofMillis(100))
                    .tls(Tls.builder().sslContext(pki.serverContext()).clientAuth(TlsClientAuth.OPTIONAL).build())
                    .routing(r -> r.any(routes::serve))
                    .build();
            if (!web.start().isRunning()) {
                throw new IllegalStateException("cannot listen for API requests on " + config.listen());
            }
            bound = new InetSocketAddress(config.listen().getAddress(), web.port());
            Kubeconfig.write(config.kubeconfig(), "https://" + urlHost(host) + ":" + web.port(), pki.caPem(),
                    pki.adminCertificatePem(), pki.adminKeyKubeconfigPem());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot prepare the API server: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public synchronized InetSocketAddress address() {
        return bound != null ? bound : config.listen();
    }

    @Override
    public Path kubeconfig() {
        return config.kubeconfig();
    }

    @Override
    public synchronized void close() {
        if (crds != null) {
            crds.close();
            crds = null;
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
        if (background != null) {
            background.shutdownNow();
            background = null;
        }
        if (web != null) {
            web.stop();
            web = null;
        }
    }
}
