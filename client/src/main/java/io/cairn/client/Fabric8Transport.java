package io.cairn.client;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Transport} over fabric8's {@link HttpClient}: it brings kubeconfig authentication (certificates, tokens,
 * exec plugins), TLS and connection pooling; fabric8's own retries are switched off by {@code ClientConfig}, so
 * every retry decision is this library's.
 */
final class Fabric8Transport implements Transport {
    private final HttpClient http;
    private final String base;

    Fabric8Transport(HttpClient http, String masterUrl) {
        this.http = http;
        this.base = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
    }

    @Override
    public Response send(Request request, Deadline deadline) {
        deadline.check();
        long millis = Math.max(1, deadline.remaining().toMillis());
        HttpRequest.Builder b = builder(request).timeout(millis, TimeUnit.MILLISECONDS);
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(b.build(), String.class);
        try (Deadline.Registration r = deadline.onCancel(() -> f.cancel(true))) {
            HttpResponse<String> resp = f.get(millis, TimeUnit.MILLISECONDS);
            return new Response(resp.code(), resp.headers(), resp.body());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ClientException.DeadlineExceeded("deadline exceeded waiting for " + request.method() + " "
                    + request.path());
        } catch (CancellationException e) {
            throw new ClientException.Cancelled("cancelled: " + request.method() + " " + request.path());
        } catch (InterruptedException e) {
            f.cancel(true);
            if (!deadline.cancelled()) {
                Thread.currentThread().interrupt();
            }
            throw new ClientException.Cancelled("interrupted: " + request.method() + " " + request.path());
        } catch (ExecutionException e) {
            if (deadline.cancelled()) {
                throw new ClientException.Cancelled("cancelled: " + request.method() + " " + request.path());
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                throw new ClientException.DeadlineExceeded("deadline exceeded: " + cause.getMessage());
            }
            throw new ClientException.Transport(request.method() + " " + request.path() + ": " + cause, cause);
        }
    }

    @Override
    public Stream open(Request request, Deadline deadline) {
        deadline.check();
        CompletableFuture<HttpResponse<InputStream>> f =
                http.sendAsync(builder(request).forStreaming().build(), InputStream.class);
        try (Deadline.Registration r = deadline.onCancel(() -> f.cancel(true))) {
            HttpResponse<InputStream> resp = f.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
            return new Stream(resp.code(), resp.body());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ClientException.DeadlineExceeded("deadline exceeded opening " + request.path());
        } catch (CancellationException | InterruptedException e) {
            f.cancel(true);
            throw new ClientException.Cancelled("cancelled opening " + request.path());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClientException.Transport("watch " + request.path() + ": " + cause, cause);
        }
    }

    private HttpRequest.Builder builder(Request request) {
        HttpRequest.Builder b = http.newHttpRequestBuilder().uri(base + request.path());
        b.header("Accept", "application/json");
        request.headers().forEach(b::header);
        if (request.body() != null) {
            b.method(request.method(), request.contentType(), request.body());
        } else if (!request.method().equals("GET")) {
            b.method(request.method(), "application/json", "");
        }
        return b;
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort
        }
    }
}
