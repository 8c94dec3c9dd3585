package io.cairn.kv.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.tls.Certificates;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.lang.reflect.Proxy;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

    @Test
    void theCommonNameOfTheVerifiedClientCertificateIsTheCallersName() {
        Certificate user = Certificates.selfSigned("CN=some-user,O=Cairn", 1).certificate();

        assertThat(ClientCertificates.commonName(call(session(user)))).contains("some-user");
    }

    @Test
    void aPlainTextCallHasNoCommonName() {
        assertThat(ClientCertificates.commonName(call(null))).isEmpty();
    }

    @Test
    void aTlsCallWithoutAClientCertificateHasNoCommonName() {
        assertThat(ClientCertificates.commonName(call(session()))).isEmpty();
    }

    @Test
    void aCertificateWithoutCommonNameGivesNone() {
        Certificate anonymous = Certificates.selfSigned("O=Cairn,OU=members", 2).certificate();

        assertThat(ClientCertificates.commonName(call(session(anonymous)))).isEmpty();
    }

    @Test
    void withSeveralCommonNamesTheLastEncodedWinsAsInGo() {
        Certificate two = Certificates.selfSigned("CN=first,CN=second", 3).certificate();

        // the test CA encodes the names in the order written; Go's parser keeps the last one it reads
        assertThat(ClientCertificates.commonName(call(session(two)))).contains("second");
    }

    /** A session whose peer presented {@code chain}; with no chain, one whose peer presented none. */
    private static SSLSession session(Certificate... chain) {
        return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] {SSLSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPeerCertificates")) {
                        if (chain.length == 0) {
                            throw new SSLPeerUnverifiedException("peer not authenticated");
                        }
                        return chain;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServerCall<Object, Object> call(SSLSession session) {
        Attributes attributes = session == null ? Attributes.EMPTY
                : Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_SSL_SESSION, session).build();
        return new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(Object message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public MethodDescriptor<Object, Object> getMethodDescriptor() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
