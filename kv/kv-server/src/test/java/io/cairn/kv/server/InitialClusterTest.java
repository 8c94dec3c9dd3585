package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitialClusterTest {

    private static KvServerConfig.Builder member(String name, int peerPort) {
        return KvServerConfig.builder().dataDir(Path.of("unused")).name(name)
                .initialAdvertisePeerUrls(List.of(URI.create("http://127.0.0.1:" + peerPort)))
                .listenPeerUrls(List.of(URI.create("http://0.0.0.0:" + peerPort)));
    }

    @Test
    void threeMembersWithEtcdsFlagsGiveThreeRaftAddressesInFlagOrder() {
        InitialCluster c = InitialCluster.of(member("b", 2382)
                .initialCluster("a=http://127.0.0.1:2381,b=http://127.0.0.1:2382,c=http://127.0.0.1:2383").build());

        assertThat(c.members().keySet()).containsExactly("a", "b", "c");
        assertThat(c.raftAddresses()).containsExactly("127.0.0.1:2381", "127.0.0.1:2382", "127.0.0.1:2383");
        assertThat(c.selfPeer()).isEqualTo("127.0.0.1:2382");
        assertThat(c.listenPeer()).isEqualTo("0.0.0.0:2382");
        assertThat(c.joining()).isFalse();
    }

    @Test
    void aNameMayRepeatForSeveralPeerUrlsAndExistingMeansJoining() {
        InitialCluster c = InitialCluster.of(member("a", 2381)
                .initialAdvertisePeerUrls(List.of(URI.create("http://127.0.0.1:2381"), URI.create("http://10.0.0.1:2381")))
                .initialCluster("a=http://127.0.0.1:2381,a=http://10.0.0.1:2381,b=http://127.0.0.1:2382")
                .initialClusterState("existing").build());

        assertThat(c.members().get("a")).hasSize(2);
        assertThat(c.joining()).isTrue();
    }

    @Test
    void etcdsErrorsForFlagsThatDoNotAgree() {
        assertThatThrownBy(() -> InitialCluster.of(member("x", 2381)
                .initialCluster("a=http://127.0.0.1:2381").build()))
                .hasMessage("couldn't find local name \"x\" in the initial cluster configuration");
        assertThatThrownBy(() -> InitialCluster.of(member("a", 2381)
                .initialCluster("a=http://127.0.0.1:9999").build()))
                .hasMessageContaining("--initial-cluster has a=http://127.0.0.1:9999 but missing from"
                        + " --initial-advertise-peer-urls");
        assertThatThrownBy(() -> InitialCluster.of(member("a", 2381)
                .initialCluster("a=http://127.0.0.1:2381").initialClusterState("sideways").build()))
                .hasMessageContaining("--initial-cluster-state");
        assertThatThrownBy(() -> InitialCluster.of(member("a", 2381).initialCluster("a").build()))
                .hasMessageContaining("is not name=peerURL");
    }
}
