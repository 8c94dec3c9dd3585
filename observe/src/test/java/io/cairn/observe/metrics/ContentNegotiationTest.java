package io.cairn.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentNegotiationTest {

    @ParameterizedTest(name = "Accept ''{0}'' gets OpenMetrics: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|false",
        "*/*|false",
        "text/plain|false",
        "text/plain;version=0.0.4;q=1,*/*;q=0.1|false",
        "application/openmetrics-text|true",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5|true",
        "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.1|true",
        "text/plain;version=0.0.4;q=0.9,application/openmetrics-text;q=0.5|false",
        "application/openmetrics-text;q=0|false",
        "application/OpenMetrics-Text; q=0.8 , text/plain ; q=0.2|true",
        "application/openmetrics-text;q=oops|false",
    })
    void theTextFormatIsTheDefaultAndOpenMetricsIsChosenWhenPreferred(String accept, boolean openMetrics) {
        assertThat(ExpositionWriter.prefersOpenMetrics(accept)).isEqualTo(openMetrics);
    }
}
