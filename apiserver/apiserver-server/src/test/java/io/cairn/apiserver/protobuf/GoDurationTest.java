package io.cairn.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 1ns",
        "999, 999ns",
        "1500, 1.5µs",
        "1500000, 1.5ms",
        "1000000000, 1s",
        "1000000001, 1.000000001s",
        "60000000000, 1m0s",
        "90000000000, 1m30s",
        "3600000000000, 1h0m0s",
        "3723500000000, 1h2m3.5s",
        "-90000000000, -1m30s",
        "-1500, -1.5µs",
        "9223372036854775807, 2562047h47m16.854775807s",
        "-9223372036854775808, -2562047h47m16.854775808s",
    })
    void aNanosecondCountIsWrittenAsGosDurationString(long nanos, String expected) {
        assertThat(GoDuration.format(nanos)).isEqualTo(expected);
    }
}
