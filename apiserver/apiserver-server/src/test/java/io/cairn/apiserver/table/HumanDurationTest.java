package io.cairn.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PT0S, 0s",
            "PT0.999S, 0s",
            "PT-1.5S, 0s",
            "PT-1S, 0s",
            "PT-2S, <invalid>",
            "PT-1H, <invalid>",
            "PT1S, 1s",
            "PT59S, 59s",
            "PT1M10S, 70s",
            "PT1M59.9S, 119s",
            "PT2M, 2m",
            "PT2M1S, 2m1s",
            "PT9M59S, 9m59s",
            "PT10M, 10m",
            "PT10M59S, 10m",
            "PT2H, 120m",
            "PT2H59M59S, 179m",
            "PT3H, 3h",
            "PT3H1M, 3h1m",
            "PT7H59M59S, 7h59m",
            "PT8H, 8h",
            "PT47H59M, 47h",
            "PT48H, 2d",
            "PT48H59M, 2d",
            "PT49H, 2d1h",
            "PT191H59M, 7d23h",
            "PT192H, 8d",
            "P729D, 729d",
            "P730D, 2y",
            "P731D, 2y1d",
            "P2919D, 7y364d",
            "P2920D, 8y",
            "P36500D, 100y",
            "P200000D, 292y",
    })
    void formatsLikeKubesHumanDuration(Duration elapsed, String expected) {
        assertThat(HumanDuration.format(elapsed)).isEqualTo(expected);
    }
}
