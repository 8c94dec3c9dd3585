package io.cairn.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "uuid, 0a1b2c3d-0000-4000-8000-000000000000, true",
        "uuid, 0a1b2c3d, false",
        "date, 2026-02-28, true",
        "date, 2026-02-30, false",
        "date-time, 2026-02-28T10:00:00Z, true",
        "date-time, 2026-02-28 10:00, false",
        "hostname, web-1.example.com, true",
        "hostname, -web, false",
        "email, a@example.com, true",
        "email, a.example.com, false",
        "ipv4, 10.0.0.1, true",
        "ipv4, 10.0.0.256, false",
        "ipv6, 2001:db8::1, true",
        "ipv6, ::ffff:10.0.0.1, true",
        "ipv6, 2001:db8:::1, false",
        "cidr, 10.0.0.0/8, true",
        "cidr, 2001:db8::/32, true",
        "cidr, 10.0.0.0/33, false",
        "byte, aGVsbG8=, true",
        "byte, not base64!, false",
        "int32, anything, true"
    })
    void formatsAreCheckedAsKubeChecksThem(String format, String value, boolean valid) {
        assertThat(Formats.valid(format, value)).isEqualTo(valid);
    }
}
