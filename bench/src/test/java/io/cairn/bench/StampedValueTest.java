package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StampedValueTest {

    private final ValuePool padding = new ValuePool(256, new SplittableRandom(1), new SeqRandom(2));

    @Test
    void aStampedValueCarriesItsSendTimeAndSequenceNumber() {
        ByteString value = StampedValue.encode(123_456_789_012L, 42, 256, padding);

        assertThat(value.size()).isEqualTo(256);
        assertThat(StampedValue.stamped(value)).isTrue();
        assertThat(StampedValue.sentNanos(value)).isEqualTo(123_456_789_012L);
        assertThat(StampedValue.seq(value)).isEqualTo(42);
    }

    @Test
    void valuesShorterThanTheStampAreWidenedToIt() {
        ByteString value = StampedValue.encode(-5, 7, 4, padding);

        assertThat(value.size()).isEqualTo(StampedValue.HEADER_BYTES);
        assertThat(StampedValue.sentNanos(value)).isEqualTo(-5);
        assertThat(StampedValue.seq(value)).isEqualTo(7);
    }

    @Test
    void foreignValuesAreNotStamped() {
        assertThat(StampedValue.stamped(ByteString.copyFromUtf8("data"))).isFalse();
    }

    @Test
    void poolValuesHaveTheSizeAndDifferPerRequest() {
        assertThat(padding.value(1).size()).isEqualTo(256);
        assertThat(padding.value(1)).isEqualTo(padding.value(1)).isNotEqualTo(padding.value(2));
    }
}
