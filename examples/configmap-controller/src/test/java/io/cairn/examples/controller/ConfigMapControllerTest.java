package io.cairn.examples.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.ApiServer;
import io.cairn.apiserver.ApiServerConfig;
import io.cairn.client.ClientConfig;
import io.cairn.client.ClusterClient;
import io.cairn.client.Deadline;
import io.cairn.client.ObjectRef;
import io.cairn.client.ResourceType;
import io.cairn.kv.server.KvServer;
import io.cairn.kv.server.KvServerConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMapControllerTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String annotation(ClusterClient kube, ObjectRef ref) {
        ConfigMap cm = kube.get(ref, ConfigMap.class, Deadline.after(Duration.ofSeconds(5)));
        var a = cm.getMetadata().getAnnotations();
        return a == null ? "" : a.getOrDefault(ConfigMapController.ANNOTATION, "");
    }

    private static void eventually(Runnable check) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void theControllerKeepsTheChecksumInStepWithTheData(@TempDir Path dir) throws Exception {
        URI c = URI.create("http://127.0.0.1:" + freePort());
        URI p = URI.create("http://127.0.0.1:" + freePort());
        try (KvServer store = KvServer.create(KvServerConfig.builder().dataDir(dir.resolve("store"))
                .listenClientUrls(List.of(c)).advertiseClientUrls(List.of(c)).listenPeerUrls(List.of(p))
                .initialAdvertisePeerUrls(List.of(p)).build()).start();
             ApiServer api = ApiServer.create(ApiServerConfig.builder(dir.resolve("api"))
                     .listen(new InetSocketAddress("127.0.0.1", 0)).build(), store.embeddedChannel()).start();
             ClusterClient kube = ClusterClient.create(ClientConfig.fromKubeconfig(api.kubeconfig(), null)
                     .audit(r -> { }).build());
             ConfigMapController controller = new ConfigMapController(kube, "default").start()) {
            Deadline d = Deadline.after(Duration.ofSeconds(10));
            kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata().withName("managed")
                    .withNamespace("default").addToLabels(ConfigMapController.LABEL, "enabled").endMetadata()
                    .addToData("a", "1").build(), d);
            kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata().withName("ignored")
                    .withNamespace("default").endMetadata().addToData("a", "1").build(), d);
            ObjectRef managed = ResourceType.CONFIG_MAPS.ref("default", "managed");
            eventually(() -> assertThat(annotation(kube, managed)).isEqualTo(ConfigMapController.checksum(
                    kube.get(managed, ConfigMap.class, Deadline.after(Duration.ofSeconds(5))))));

            kube.update(managed, ConfigMap.class, cm -> {
                cm.getData().put("b", "2");
                return cm;
            }, d);
            eventually(() -> {
                ConfigMap now = kube.get(managed, ConfigMap.class, Deadline.after(Duration.ofSeconds(5)));
                assertThat(now.getData()).containsEntry("b", "2");
                assertThat(annotation(kube, managed)).isEqualTo(ConfigMapController.checksum(now));
            });
            assertThat(annotation(kube, ResourceType.CONFIG_MAPS.ref("default", "ignored"))).isEmpty();
        }
    }
}
