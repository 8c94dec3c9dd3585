package io.cairn.kv.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoCipherSuitesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA, SSL_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_WITH_RC4_128_SHA, SSL_RSA_WITH_RC4_128_SHA",
    })
    void goNamesMapToTheJsseNamesOfTheSameSuites(String go, String jsse) {
        assertThat(GoCipherSuites.toJsse(List.of(go))).first().isEqualTo(jsse);
    }

    @Test
    void theModernGoSuitesAreAllKnownToTheJvm() throws Exception {
        List<String> supported = List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        List<String> jsse = GoCipherSuites.toJsse(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305"));
        assertThat(supported).containsAll(jsse);
    }

    @Test
    void tls13SuitesStayEnabledAsInGoWhateverTheList() {
        assertThat(GoCipherSuites.toJsse(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))).containsExactly(
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256");
        assertThat(GoCipherSuites.toJsse(List.of("TLS_AES_128_GCM_SHA256"))).containsExactlyElementsOf(
                GoCipherSuites.TLS13);
    }

    @Test
    void anEmptyListLeavesTheJvmDefaults() {
        assertThat(GoCipherSuites.toJsse(List.of())).isEmpty();
    }

    @Test
    void aNameGoDoesNotKnowFailsWithEtcdsMessage() {
        assertThatThrownBy(() -> GoCipherSuites.toJsse(List.of("ECDHE-RSA-AES128-GCM-SHA256")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected TLS cipher suite \"ECDHE-RSA-AES128-GCM-SHA256\"");
    }
}
