package io.cairn.examples.controller;

import io.cairn.client.ClientConfig;
import io.cairn.client.ClientException;
import io.cairn.client.ClusterClient;
import io.cairn.client.Deadline;
import io.cairn.client.Informer;
import io.cairn.client.ResourceType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.Set;

/**
 * Keeps the annotation {@code example.cairn.io/checksum} of every ConfigMap labelled
 * {@code example.cairn.io/checksum=enabled} equal to the SHA-256 of its data.
 *
 * <p>The shape of any controller: an informer feeds changed names into a de-duplicating queue, one worker reconciles
 * each name from the cache, and writes go through {@link ClusterClient#update} so that a concurrent writer never
 * makes the controller lose or overwrite a change.
 * <pre>
 * examples/configmap-controller/run.sh cairn-data/kubeconfig.yaml default
 * kubectl create configmap demo --from-literal=a=1
 * kubectl label configmap demo example.cairn.io/checksum=enabled
 * kubectl get configmap demo -o jsonpath='{.metadata.annotations}'
 * </pre>
 */
public final class ConfigMapController implements AutoCloseable {
    public static final String LABEL = "example.cairn.io/checksum";
    public static final String ANNOTATION = "example.cairn.io/checksum";

    private final ClusterClient kube;
    private final String namespace;
    private final Informer<ConfigMap> informer;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Thread worker;

    public ConfigMapController(ClusterClient kube, String namespace) {
        this.kube = kube;
        this.namespace = namespace;
        this.informer = kube.informer(ResourceType.CONFIG_MAPS, namespace, ConfigMap.class);
        this.worker = Thread.ofVirtual().name("configmap-controller").unstarted(this::work);
    }

    /** Starts the informer and the worker; returns once the cache holds the first list. */
    public ConfigMapController start() {
        informer.addHandler(new Informer.Handler<>() {
            @Override
            public void onAdd(ConfigMap cm) {
                enqueue(cm);
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                enqueue(after);
            }
        }).start();
        informer.waitForSync(Deadline.after(Duration.ofSeconds(30)));
        worker.start();
        return this;
    }

    private void enqueue(ConfigMap cm) {
        String name = cm.getMetadata().getName();
        if (queued.add(name)) {
            queue.add(name);
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String name = queue.take();
                queued.remove(name);
                try {
                    reconcile(name);
                } catch (ClientException e) {
                    System.err.println("reconcile " + name + " failed, retrying later: " + e.getMessage());
                    Thread.sleep(1000);
                    queued.add(name);
                    queue.add(name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Brings one ConfigMap's annotation in line with its data. */
    void reconcile(String name) {
        ConfigMap cached = informer.get(namespace, name).orElse(null);
        if (cached == null || !enabled(cached) || checksum(cached).equals(annotation(cached))) {
            return;
        }
        kube.update(ResourceType.CONFIG_MAPS.ref(namespace, name), ConfigMap.class, cm -> {
            if (!enabled(cm)) {
                return cm;
            }
            Map<String, String> annotations = new HashMap<>();
            if (cm.getMetadata().getAnnotations() != null) {
                annotations.putAll(cm.getMetadata().getAnnotations());
            }
            annotations.put(ANNOTATION, checksum(cm));
            cm.getMetadata().setAnnotations(annotations);
            return cm;
        }, Deadline.after(Duration.ofSeconds(10)));
    }

    private static boolean enabled(ConfigMap cm) {
        Map<String, String> labels = cm.getMetadata().getLabels();
        return labels != null && "enabled".equals(labels.get(LABEL));
    }

    private static String annotation(ConfigMap cm) {
        Map<String, String> a = cm.getMetadata().getAnnotations();
        return a == null ? "" : a.getOrDefault(ANNOTATION, "");
    }

    /** SHA-256 over the data's keys and values in key order. */
    public static String checksum(ConfigMap cm) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
            new TreeMap<>(data).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.interrupt();
        informer.close();
    }

    /** {@code ConfigMapController KUBECONFIG [NAMESPACE] [CONTEXT]}: runs until interrupted. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: ConfigMapController KUBECONFIG [NAMESPACE] [CONTEXT]");
            System.exit(2);
        }
        String namespace = args.length > 1 ? args[1] : "default";
        String context = args.length > 2 ? args[2] : null;
        ClusterClient kube = ClusterClient.create(ClientConfig.fromKubeconfig(Path.of(args[0]), context)
                .rateLimit(50, 100).operator(System.getProperty("user.name"), false).build());
        ConfigMapController controller = new ConfigMapController(kube, namespace).start();
        System.out.println("watching ConfigMaps labelled " + LABEL + "=enabled in " + namespace);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            controller.close();
            kube.close();
            stop.countDown();
        }));
        stop.await();
    }
}
