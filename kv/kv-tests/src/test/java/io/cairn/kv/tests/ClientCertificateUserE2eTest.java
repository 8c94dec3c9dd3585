package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * etcd's client-certificate auth together with its Auth service: with {@code --client-cert-auth} and auth enabled,
 * a request without a token acts as the user named by the client certificate's common name. The same etcdctl 3.4
 * session runs against etcd 3.4 and Cairn, both with mutual TLS, and must print the same.
 */
class ClientCertificateUserE2eTest {
    static Path dir;
    static TestCertificates.Authority ca;
    static TestCertificates.Issued server;
    static TestCertificates.Issued someUser;

    @BeforeAll
    static void certificates() throws IOException {
        Etcdctl.requireBinary();
        dir = Files.createTempDirectory("cairn-cn-user-");
        ca = TestCertificates.authority(dir, "cairn-test-ca");
        server = TestCertificates.server(ca, dir, "server", "server");
        someUser = TestCertificates.client(ca, dir, "some-user", "some-user");
    }

    @AfterAll
    static void clean() {
        LocalServerProcess.deleteRecursively(dir);
    }

    private static List<String> flags() {
        return List.of("--cert-file", server.certFile().toString(), "--key-file", server.keyFile().toString(),
                "--client-cert-auth", "--trusted-ca-file", ca.certFile().toString());
    }

    @Test
    void theCertificatesCommonNameIsTheUserWhenARequestCarriesNoToken() throws IOException {
        List<String> fromEtcd;
        try (EtcdProcess etcd = EtcdProcess.createTls(Files.createDirectories(dir.resolve("etcd")), flags(),
                ClientTls.of(ca, someUser))) {
            etcd.start();
            fromEtcd = session(etcd.endpoint(), "etcd");
        }
        List<String> fromCairn;
        try (CairnProcess cairn = CairnProcess.createTls(Files.createDirectories(dir.resolve("cairn")), flags(),
                ClientTls.of(ca, someUser))) {
            cairn.start();
            fromCairn = session(cairn.endpoint(), "cairn");
        }

        assertThat(fromEtcd.get(8)).as("etcd: the certificate's user may write its prefix").contains("OK");
        assertThat(fromEtcd.get(9)).as("etcd: but nothing else").contains("etcdserver: permission denied");
        assertThat(fromEtcd.get(11)).as("etcd: after its role is revoked").contains("etcdserver: permission denied");
        for (int i = 0; i < fromEtcd.size(); i++) {
            assertThat(fromCairn.get(i)).as("step %d", i).isEqualTo(fromEtcd.get(i));
        }
    }

    /** Every etcdctl call uses the some-user certificate; only the root steps add {@code --user root:rootpw}. */
    private static List<String> session(java.net.URI endpoint, String name) throws IOException {
        Etcdctl etcdctl = new Etcdctl(endpoint, Files.createDirectories(dir.resolve("etcdctl-" + name)));
        List<String> tls = ClientTls.of(ca, someUser).etcdctlFlags();
        List<List<String>> steps = List.of(
                List.of("user", "add", "root:rootpw"),
                List.of("user", "grant-role", "root", "root"),
                List.of("user", "add", "some-user:unused"),
                List.of("role", "add", "cn-writer"),
                List.of("role", "grant-permission", "cn-writer", "readwrite", "cn/", "--prefix"),
                List.of("user", "grant-role", "some-user", "cn-writer"),
                List.of("auth", "enable"),
                List.of("get", "cn/a"),
                List.of("put", "cn/a", "by-certificate"),
                List.of("put", "elsewhere", "x"),
                List.of("--user", "root:rootpw", "user", "revoke-role", "some-user", "cn-writer"),
                List.of("put", "cn/b", "after-revoke"),
                List.of("--user", "root:rootpw", "get", "cn/", "--prefix"),
                List.of("--user", "root:rootpw", "auth", "disable"));
        List<String> outputs = new ArrayList<>();
        for (List<String> step : steps) {
            List<String> args = new ArrayList<>(tls);
            args.add("--command-timeout=10s");
            args.addAll(step);
            Etcdctl.Output out = etcdctl.run(args, null);
            outputs.add(String.join(" ", step) + " -> " + out.masked().render().replace(dir.toString(), "<dir>"));
        }
        return outputs;
    }
}
