package io.cairn.kv.server.apply;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.cairn.kv.server.errors.KvException;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** etcd's slow-apply warning: only over the threshold, with the entry's request text and any error. */
class SlowAppliesTest {
    private static final Command PUT = new Command.Put(PutRequest.newBuilder()
            .setKey(ByteString.copyFromUtf8("/registry/pods/a")).setValue(ByteString.copyFromUtf8("0123456789"))
            .build());

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Applier.class);

    @BeforeEach
    void attach() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(events);
    }

    private List<ILoggingEvent> warnings() {
        return events.list.stream().filter(e -> e.getFormattedMessage().equals("apply request took too long"))
                .toList();
    }

    static String value(ILoggingEvent event, String key) {
        return event.getKeyValuePairs().stream().filter(kv -> kv.key.equals(key)).map(kv -> String.valueOf(kv.value))
                .findFirst().orElse(null);
    }

    /** Runs one apply of {@link #PUT} that takes {@code took} on the test clock, against {@code threshold}. */
    private void applyTaking(Duration threshold, Duration took, Outcome outcome) {
        SlowApplies slow = new SlowApplies(threshold, now::get);
        long started = slow.started();
        now.addAndGet(took.toNanos());
        slow.finished(started, PUT, outcome);
    }

    private static Outcome applied() {
        return new Outcome.Applied(Empty.getDefaultInstance());
    }

    @Test
    void anApplyOverTheThresholdIsLoggedWithWhatItAskedFor() {
        applyTaking(Duration.ofMillis(100), Duration.ofMillis(250), applied());

        assertThat(warnings()).singleElement().satisfies(e -> {
            assertThat(value(e, "took")).isEqualTo("PT0.25S");
            assertThat(value(e, "expected-duration")).isEqualTo("PT0.1S");
            assertThat(value(e, "request")).isEqualTo("put key=\"/registry/pods/a\" value_size=10");
            assertThat(e.getKeyValuePairs().toString()).doesNotContain("0123456789");
        });
    }

    @Test
    void anApplyAtOrUnderTheThresholdIsNot() {
        applyTaking(Duration.ofMillis(100), Duration.ofMillis(100), applied());

        assertThat(warnings()).isEmpty();
    }

    @Test
    void zeroTurnsTheWarningOffAndReadsNoClock() {
        SlowApplies slow = new SlowApplies(Duration.ZERO, () -> {
            throw new AssertionError("the clock was read");
        });
        slow.finished(slow.started(), PUT, applied());

        assertThat(warnings()).isEmpty();
    }

    @Test
    void aRejectedEntryCarriesItsError() {
        applyTaking(Duration.ofMillis(1), Duration.ofMillis(5), new Outcome.Rejected(new KvException.NoSpace()));

        assertThat(warnings()).singleElement().satisfies(e ->
                assertThat(value(e, "error")).isEqualTo(new KvException.NoSpace().getMessage()));
    }

    @Test
    void keysAreShownAsTextWithOtherBytesEscapedAndLongOnesCut() {
        assertThat(SlowApplies.describe(new Command.DeleteRange(DeleteRangeRequest.newBuilder()
                .setKey(ByteString.copyFrom(new byte[] {'a', 0, '"', (byte) 0xff}))
                .setRangeEnd(ByteString.copyFromUtf8("b")).build())))
                .isEqualTo("delete_range key=\"a\\x00\\\"\\xff\" range_end=\"b\"");
        String longKey = "k".repeat(SlowApplies.KEY_SHOWN + 10);
        assertThat(SlowApplies.quote(ByteString.copyFromUtf8(longKey)))
                .isEqualTo("\"" + "k".repeat(SlowApplies.KEY_SHOWN) + "\"...(" + longKey.length() + " bytes)");
        assertThat(SlowApplies.describe(new Command.AsUser("root", 3, PUT))).endsWith(" user=root");
    }
}
