package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyGeneratorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00",
        "1, 02",
        "-1, 01",
        "63, 7e",
        "64, 8001",
        "300, d804",
        "100000, c09a0c"
    })
    void keysStartWithGosZigZagVarint(long n, String hex) {
        ByteString key = KeyGenerator.encode(n, 8);

        assertThat(key.size()).isEqualTo(8);
        assertThat(hex(key)).isEqualTo(hex + "0".repeat(16 - hex.length()));
    }

    @Test
    void sequentialKeysWrapAtTheKeySpace() {
        KeyGenerator keys = new KeyGenerator(8, 3, true, new SeqRandom(1));

        assertThat(keys.number(0)).isZero();
        assertThat(keys.number(2)).isEqualTo(2);
        assertThat(keys.number(3)).isZero();
        assertThat(keys.key(4)).isEqualTo(KeyGenerator.encode(1, 8));
    }

    @Test
    void randomKeysStayInTheKeySpaceCoverItAndRepeatForTheSameSeed() {
        KeyGenerator keys = new KeyGenerator(8, 50, false, new SeqRandom(42));
        KeyGenerator again = new KeyGenerator(8, 50, false, new SeqRandom(42));
        Set<Long> seen = new HashSet<>();

        for (long seq = 0; seq < 5000; seq++) {
            long n = keys.number(seq);
            assertThat(n).isBetween(0L, 49L);
            assertThat(again.number(seq)).isEqualTo(n);
            seen.add(n);
        }

        assertThat(seen).hasSize(50);
    }

    @Test
    void theDefaultKeySpaceIsOneKey() {
        KeyGenerator keys = new KeyGenerator(8, 1, false, new SeqRandom(7));

        assertThat(keys.key(0)).isEqualTo(keys.key(12345));
    }

    @Test
    void aKeyTooShortForTheKeySpaceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyGenerator(1, 100, true, new SeqRandom(0)))
                .withMessageContaining("--key-size 1 is too small");
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyGenerator(8, 0, true, new SeqRandom(0)))
                .withMessageContaining("positive --key-space-size");
    }

    @Test
    void seqRandomUnitIsInTheUnitInterval() {
        SeqRandom random = new SeqRandom(3);
        double sum = 0;
        for (long seq = 0; seq < 10_000; seq++) {
            double u = random.unit(seq);
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += u;
        }
        assertThat(sum / 10_000).isBetween(0.45, 0.55);
    }

    private static String hex(ByteString bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}
