package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new BenchCommand(System::nanoTime, new SplittableRandom(1)).commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEtcdsSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("put", "range", "txn-put", "txn-mixed", "watch", "watch-latency",
                "lease-keepalive", "--endpoints", "--conns", "--clients", "--target-leader", "--json", "--warmup");
    }

    @Test
    void everySubcommandsHelpFormatsWithoutWarnings() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String sub : new String[] {"put", "range", "txn-put", "txn-mixed", "watch", "watch-latency",
                    "lease-keepalive"}) {
                assertThat(run(sub, "--help")).as(sub).isZero();
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(out.toString()).contains("Watcher w watches key w % watched-key-total");
    }

    @Test
    void sharedOptionsWorkBeforeAndAfterTheSubcommand() {
        BenchCommand bench = new BenchCommand();
        CommandLine commandLine = bench.commandLine();

        commandLine.parseArgs("--conns", "3", "put", "--clients", "7", "--endpoints", "127.0.0.1:1", "--json");

        BenchOptions options = bench.options();
        assertThat(options.conns()).isEqualTo(3);
        assertThat(options.clients()).isEqualTo(7);
        assertThat(options.json()).isTrue();
        assertThat(options.endpoints()).containsExactly(new Endpoint("127.0.0.1", 1));
    }

    @Test
    void theDefaultsAreEtcds() {
        BenchCommand bench = new BenchCommand();
        bench.commandLine().parseArgs("put");

        BenchOptions options = bench.options();
        assertThat(options.endpoints()).containsExactly(new Endpoint("127.0.0.1", 2379));
        assertThat(options.conns()).isEqualTo(1);
        assertThat(options.clients()).isEqualTo(1);
    }

    @Test
    void badOptionValuesFailWithStatus2BeforeConnecting() {
        assertThat(run("--endpoints", "127.0.0.1:1", "range", "foo", "--consistency", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--consistency must be l (linearizable) or s");
        assertThat(run("--clients", "0", "put")).isEqualTo(2);
        assertThat(run("put", "--key-size", "1", "--key-space-size", "1000")).isEqualTo(2);
        assertThat(run("txn-put", "--txn-ops", "5", "--key-space-size", "2")).isEqualTo(2);
        assertThat(run("watch", "--streams", "0")).isEqualTo(2);
        assertThat(run("--endpoints", "nohost", "put")).isEqualTo(2);
    }

    @Test
    void anUnreachableEndpointFailsWithStatus1AndSaysWhich() {
        int status = run("--endpoints", "127.0.0.1:1", "--dial-timeout", "300ms", "put", "--total", "1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("cannot connect to 127.0.0.1:1");
    }

    @Test
    void benchAloneShowsTheCommandsAndFails() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Commands:");
    }
}
