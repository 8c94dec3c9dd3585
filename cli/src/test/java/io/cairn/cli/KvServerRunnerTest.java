package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.KvServer;
import io.cairn.kv.server.KvServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvServerRunnerTest {

    private static final Logging TEXT_INFO = new Logging(LogLevel.INFO, io.cairn.observe.logging.LogFormat.TEXT);

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> readyCalls = new java.util.ArrayList<>();

    @Test
    void readyLineNamesTheClientAddressesAndTheServerIsClosedWhenItStops() {
        FakeServer server = new FakeServer(null);

        int status = runner(server).run(new ServerPlan(KvServerConfig.builder().name("infra0").build(), ApiServerPlan.OFF), TEXT_INFO);

        assertThat(status).isZero();
        assertThat(err()).isEqualTo("cairn: ready to serve client requests on http://127.0.0.1:2379, "
                + "http://[0:0:0:0:0:0:0:1]:2379 (member \"infra0\", data dir cairn-data)\n");
        assertThat(server.closed).isPositive();
        assertThat(readyCalls).as("the ready hook (the class archive's marker) runs once the member serves")
                .containsExactly("after: " + err());
    }

    @Test
    void startupFailurePrintsOneLineAndExitsWithStatus1() {
        FakeServer server = new FakeServer(new IllegalStateException("cannot bind 127.0.0.1:2379",
                new BindException("Address already in use")));

        int status = runner(server).run(new ServerPlan(KvServerConfig.builder().build(), ApiServerPlan.OFF), TEXT_INFO);

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEqualTo("cairn: cannot bind 127.0.0.1:2379: Address already in use\n");
        assertThat(server.closed).isPositive();
        assertThat(readyCalls).as("a failed start never marks its class archive usable").isEmpty();
    }

    private KvServerRunner runner(FakeServer server) {
        return new KvServerRunner(config -> server, (config, channel) -> {
            throw new IllegalStateException("no API server in these tests");
        }, new PrintStream(err, true, StandardCharsets.UTF_8), Runtime.getRuntime(),
                () -> readyCalls.add("after: " + err()));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Starts (or fails to) at once and stops as soon as it is awaited. */
    private static final class FakeServer implements KvServer {
        private final RuntimeException startFailure;
        int closed;

        FakeServer(RuntimeException startFailure) {
            this.startFailure = startFailure;
        }

        @Override
        public KvServer start() {
            if (startFailure != null) {
                throw startFailure;
            }
            return this;
        }

        @Override
        public List<InetSocketAddress> clientAddresses() {
            return List.of(new InetSocketAddress("127.0.0.1", 2379), new InetSocketAddress("::1", 2379));
        }

        @Override
        public io.grpc.Channel embeddedChannel() {
            throw new IllegalStateException("not used");
        }

        @Override
        public long memberId() {
            return 1;
        }

        @Override
        public void awaitTermination() {
        }

        @Override
        public void close() {
            closed++;
        }
    }
}
