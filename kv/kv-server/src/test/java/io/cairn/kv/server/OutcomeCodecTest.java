package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.kv.server.apply.Outcome;
import io.cairn.kv.server.errors.KvException;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.ResponseHeader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** A proposal forwarded to the leader is answered with exactly what the leader's apply produced. */
class OutcomeCodecTest {

    @Test
    void anAppliedResponseComesBackEqual() {
        PutResponse put = PutResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(7)).build();

        Outcome back = OutcomeCodec.decode(OutcomeCodec.encode(new Outcome.Applied(put)));

        assertThat(back).isEqualTo(new Outcome.Applied(put));
    }

    @Test
    void aRejectionComesBackAsTheSameFailure() {
        Outcome back = OutcomeCodec.decode(OutcomeCodec.encode(new Outcome.Rejected(new KvException.Compacted())));

        assertThat(back).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.error()).isInstanceOf(KvException.Compacted.class));
        assertThat(OutcomeCodec.decode(OutcomeCodec.encode(null))).isNull();
    }

    @Test
    void onlyEtcdsApiMessagesAreDecoded() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(0);
            out.writeUTF("java.lang.Runtime");
        }
        assertThatThrownBy(() -> OutcomeCodec.decode(bytes.toByteArray())).isInstanceOf(IllegalStateException.class);
    }
}
