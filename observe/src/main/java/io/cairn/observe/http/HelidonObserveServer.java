package io.cairn.observe.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link ObserveServer} with one Helidon SE {@link WebServer} per URL. */
final class HelidonObserveServer implements ObserveServer {

    private final ObserveServerConfig config;
    private final ObserveEndpoints endpoints;
    private final List<WebServer> servers = new ArrayList<>();
    private final List<URI> urls = new ArrayList<>();
    private boolean started;

    HelidonObserveServer(ObserveServerConfig config, ObserveEndpoints endpoints) {
        this.config = Objects.requireNonNull(config, "config");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public synchronized ObserveServer start() {
        if (started) {
            throw new IllegalStateException("the observe server was already started");
        }
        started = true;
        try {
            for (URI url : config.listenUrls()) {
                WebServer server = WebServer.builder()
                        .address(address(url))
                        .port(url.getPort())
                        .shutdownHook(false)
                        .featuresDiscoverServices(false)
                        .shutdownGracePeriod(Duration.ofMillis(100))
                        .routing(routing -> routing.any(this::serve))
                        .build();
                servers.add(server);
                // Helidon logs a listener that fails to bind and returns a server that is not running.
                if (!server.start().isRunning()) {
                    throw new IllegalStateException("cannot listen on " + url);
                }
                urls.add(URI.create("http://" + url.getHost() + ":" + server.port()));
            }
        } catch (IllegalStateException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot listen on " + config.listenUrls() + ": " + e.getMessage(), e);
        }
        return this;
    }

    @Override
    public synchronized List<URI> urls() {
        return List.copyOf(urls);
    }

    @Override
    public synchronized void close() {
        for (WebServer server : servers) {
            server.stop();
        }
        servers.clear();
        urls.clear();
    }

    private void serve(ServerRequest request, ServerResponse response) throws Exception {
        EndpointResponse answer = endpoints.handle(new EndpointRequest(
                request.prologue().method().text(),
                request.path().path(),
                request.query().toMap(),
                request.headers().first(HeaderNames.ACCEPT).orElse("")));
        response.status(answer.status());
        response.header(HeaderNames.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(response::header);
        response.contentLength(answer.length());
        try (OutputStream out = response.outputStream()) {
            answer.writeTo(out);
        }
    }

    private static InetAddress address(URI url) {
        try {
            return InetAddress.getByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + url, e);
        }
    }
}
