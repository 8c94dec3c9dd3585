package io.cairn.kv.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The key layout the recipes share with etcd's clients. */
class KeysTest {

    @ParameterizedTest(name = "lease {0} -> {1}")
    @CsvSource({
        "0, 0",
        "7587868937481437704, 694d8698accd4208",
        "255, ff",
        "-1, -1",
        "-9223372036854775808, -8000000000000000",
    })
    void aSessionKeyIsThePrefixAndTheLeaseFormattedAsGosPercentX(long lease, String hex) {
        assertThat(Keys.sessionKey(ByteString.copyFromUtf8("lock/"), lease).toStringUtf8()).isEqualTo("lock/" + hex);
    }

    @Test
    void theNamesPrefixEndsWithASlash() {
        assertThat(Keys.prefix(ByteString.copyFromUtf8("job")).toStringUtf8()).isEqualTo("job/");
    }

    @Test
    void thePrefixRangeEndsAtThePrefixWithItsLastByteIncremented() {
        assertThat(Keys.prefixEnd(ByteString.copyFromUtf8("job/")).toStringUtf8()).isEqualTo("job0");
    }

    @Test
    void trailingFfBytesAreDroppedBeforeIncrementing() {
        ByteString prefix = ByteString.copyFrom(new byte[] {'a', (byte) 0xff, (byte) 0xff});

        assertThat(Keys.prefixEnd(prefix)).isEqualTo(ByteString.copyFromUtf8("b"));
    }

    @Test
    void aPrefixOfOnlyFfBytesRangesToTheEndOfTheKeyspace() {
        assertThat(Keys.prefixEnd(ByteString.copyFrom(new byte[] {(byte) 0xff}))).isEqualTo(ByteString.copyFrom(new byte[] {0}));
    }
}
