package io.cairn.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Several named clusters behind one object: route a call by cluster name, or run a read-only call on the first
 * healthy cluster of a preference list, failing over when a cluster cannot be reached.
 *
 * <p>Why: fleets run the same controller against many clusters; one registry built from kubeconfig contexts keeps
 * their clients, limiters and metrics apart (every metric carries the cluster's name) while code routes by name.
 */
public final class Clusters implements AutoCloseable {
    private final Map<String, ClusterClient> clients;

    private Clusters(Map<String, ClusterClient> clients) {
        this.clients = clients;
    }

    /** A registry of already built clients, by their {@link ClusterClient#name()}. */
    public static Clusters of(List<ClusterClient> clients) {
        Map<String, ClusterClient> m = new LinkedHashMap<>();
        for (ClusterClient c : clients) {
            if (m.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two clusters named " + c.name());
            }
        }
        return new Clusters(m);
    }

    /**
     * One client per kubeconfig context, each named after its context; {@code customize} sets shared policy (rate
     * limits, audit sink, metrics) on every builder.
     */
    public static Clusters fromKubeconfig(Path kubeconfig, List<String> contexts,
                                          UnaryOperator<ClientConfig.Builder> customize) {
        List<ClusterClient> list = new ArrayList<>();
        for (String ctx : contexts) {
            list.add(ClusterClient.create(customize.apply(ClientConfig.fromKubeconfig(kubeconfig, ctx)).build()));
        }
        return of(list);
    }

    /** The cluster's names, in registration order. */
    public Set<String> names() {
        return clients.keySet();
    }

    /**
     * The client of cluster {@code name}.
     *
     * @throws IllegalArgumentException when no cluster has that name
     */
    public ClusterClient cluster(String name) {
        ClusterClient c = clients.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no cluster named " + name + "; known: " + clients.keySet());
        }
        return c;
    }

    /**
     * Runs the read-only {@code call} on the first healthy cluster in {@code preference}, moving to the next one when
     * the cluster cannot be reached or answers 5xx. Only for reads: a write that failed over could be applied twice.
     *
     * @throws ClientException the last failure when every cluster failed
     */
    public <R> R read(List<String> preference, Function<ClusterClient, R> call) {
        ClientException last = null;
        List<ClusterClient> ordered = new ArrayList<>();
        List<ClusterClient> unhealthy = new ArrayList<>();
        for (String n : preference) {
            ClusterClient c = cluster(n);
            (c.healthy() ? ordered : unhealthy).add(c);
        }
        ordered.addAll(unhealthy);
        for (ClusterClient c : ordered) {
            try {
                return call.apply(c);
            } catch (ClientException.Transport e) {
                last = e;
            } catch (ClientException.Status e) {
                if (e.code() < 500) {
                    throw e;
                }
                last = e;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no clusters to read from");
        }
        throw last;
    }

    /** Closes every client. */
    @Override
    public void close() {
        clients.values().forEach(ClusterClient::close);
    }
}
