package io.cairn.client;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The cost this client adds per call over bare fabric8, as a program (not a test); {@code bench/client-overhead.sh}
 * runs it.
 *
 * <p>Part one: sequential GETs and updates of one ConfigMap on an in-process Cairn, bare fabric8 against this
 * client (rounds alternate so drift hits both alike). Part two: the client's pipeline alone (limiter, retry logic,
 * span, trace header, JSON) over a canned transport, against deserializing the same answer with fabric8.
 */
public final class ClientOverheadBenchmark {
    private ClientOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path dir = Files.createTempDirectory("cairn-client-bench");
        try (TestCluster cluster = TestCluster.start(dir);
             KubernetesClient bare = new KubernetesClientBuilder().withConfig(cluster.transport()).build();
             ClusterClient ours = ClusterClient.create(cluster.client("bench").rateLimit(1e6, 1_000_000)
                     .schemaValidation(false, Duration.ofMinutes(5)).build())) {
            ours.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata().withName("bench")
                    .withNamespace("default").endMetadata().addToData("n", "0").build(),
                    Deadline.after(Duration.ofSeconds(10)));
            ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", "bench");
            LongSupplier bareGet = () -> time(() -> bare.configMaps().inNamespace("default").withName("bench").get());
            LongSupplier oursGet = () -> time(() -> ours.get(ref, ConfigMap.class,
                    Deadline.after(Duration.ofSeconds(10))));
            LongSupplier bareUpdate = () -> time(() -> bare.configMaps().inNamespace("default").withName("bench")
                    .edit(c -> {
                        c.getData().put("n", Long.toString(System.nanoTime()));
                        return c;
                    }));
            LongSupplier oursUpdate = () -> time(() -> ours.update(ref, ConfigMap.class, c -> {
                c.getData().put("n", Long.toString(System.nanoTime()));
                return c;
            }, Deadline.after(Duration.ofSeconds(10))));
            run(n / 5, bareGet, oursGet);
            long[][] get = run(n, bareGet, oursGet);
            run(n / 10, bareUpdate, oursUpdate);
            long[][] upd = run(n / 3, bareUpdate, oursUpdate);
            System.out.println("| call (in-process Cairn) | client | mean µs | p50 µs | p99 µs |");
            System.out.println("|---|---|---|---|---|");
            print("GET configmap", "fabric8 8.0.0", get[0]);
            print("GET configmap", "cairn-client", get[1]);
            print("update (GET + PUT)", "fabric8 8.0.0 edit()", upd[0]);
            print("update (GET + PUT)", "cairn-client update()", upd[1]);
            pipelineOnly(cluster);
        }
    }

    private static void pipelineOnly(TestCluster cluster) throws Exception {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"bench\",\"namespace\":"
                + "\"default\",\"resourceVersion\":\"42\",\"uid\":\"u\"},\"data\":{\"n\":\"0\"}}";
        Transport canned = new Transport() {
            @Override
            public Response send(Request request, Deadline deadline) {
                return new Response(200, Map.of("Content-Type", List.of("application/json")), body);
            }

            @Override
            public Stream open(Request request, Deadline deadline) {
                return new Stream(200, InputStream.nullInputStream());
            }
        };
        KubernetesSerialization ser = new KubernetesSerialization();
        ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", "bench");
        try (KubeClusterClient ours = new KubeClusterClient(cluster.client("canned").rateLimit(1e9, 1_000_000_000)
                .schemaValidation(false, Duration.ofMinutes(5)).build(), canned)) {
            int n = 200_000;
            long[] result = new long[2];
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ser.unmarshal(body, ConfigMap.class);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ours.get(ref, ConfigMap.class, Deadline.after(Duration.ofSeconds(10)));
                }
                long t2 = System.nanoTime();
                result[0] = (t1 - t0) / n;
                result[1] = (t2 - t1) / n;
            }
            System.out.println();
            System.out.println("| pipeline only (canned transport) | ns per call |");
            System.out.println("|---|---|");
            System.out.println("| fabric8 deserialization of the answer | " + result[0] + " |");
            System.out.println("| cairn-client get(): limiter, retry checks, span, traceparent, metrics, JSON | "
                    + result[1] + " |");
        }
    }

    private static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private static long[][] run(int n, LongSupplier a, LongSupplier b) {
        long[] ra = new long[n];
        long[] rb = new long[n];
        int round = 250;
        for (int start = 0; start < n; start += round) {
            int end = Math.min(n, start + round);
            for (int i = start; i < end; i++) {
                ra[i] = a.getAsLong();
            }
            for (int i = start; i < end; i++) {
                rb[i] = b.getAsLong();
            }
        }
        return new long[][] {ra, rb};
    }

    private static void print(String call, String client, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1000;
        System.out.printf("| %s | %s | %.0f | %d | %d |%n", call, client, mean, s[s.length / 2] / 1000,
                s[(int) (s.length * 0.99)] / 1000);
    }
}
