package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.AuthSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFlagsTest {

    @TempDir
    Path dir;

    @Test
    void withoutAuthFlagsTheServerUsesEtcdsDefaults() {
        Cli cli = Cli.run("server");

        assertThat(cli.started().auth()).isEqualTo(new AuthSettings("simple", Duration.ofSeconds(300), 10));
    }

    @Test
    void authFlagsReachTheServerConfiguration() {
        Cli cli = Cli.run("server", "--auth-token", "jwt,pub-key=a.pub,priv-key=a.key,sign-method=RS256",
                "--auth-token-ttl=60", "--bcrypt-cost", "4");

        assertThat(cli.started().auth()).isEqualTo(
                new AuthSettings("jwt,pub-key=a.pub,priv-key=a.key,sign-method=RS256", Duration.ofSeconds(60), 4));
    }

    @Test
    void authSettingsComeFromEtcdEnvironmentVariablesAndConfigFiles() throws IOException {
        Cli env = Cli.run(Map.of("ETCD_AUTH_TOKEN_TTL", "42", "ETCD_BCRYPT_COST", "12"), "server");
        Path file = Files.writeString(dir.resolve("etcd.yaml"), "auth-token: simple\nauth-token-ttl: 7\n");
        Cli fromFile = Cli.run("server", "--config-file", file.toString());

        assertThat(env.started().auth()).isEqualTo(new AuthSettings("simple", Duration.ofSeconds(42), 12));
        assertThat(fromFile.started().auth().tokenTtl()).isEqualTo(Duration.ofSeconds(7));
    }
}
