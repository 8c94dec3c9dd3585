package io.cairn.kv.server.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KeyValue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The two stored forms of one version: its {@code latest} value and its {@code index} value. */
class VersionValuesTest {

    private static final KeyValue KV = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8("/k"))
            .setValue(ByteString.copyFromUtf8("v".repeat(300))).setCreateRevision(3).setModRevision(9)
            .setVersion(2).setLease(5).build();

    @Test
    void theLatestValueIsMarkerRevisionThenTheSerializedVersion() throws Exception {
        byte[] latest = Schema.latestValue(Schema.LIVE, 9, KV);

        assertThat(latest[0]).isEqualTo(Schema.LIVE);
        assertThat(Schema.latestModRevision(latest)).isEqualTo(9);
        assertThat(KeyValue.parseFrom(Arrays.copyOfRange(latest, Schema.LATEST_KV_OFFSET, latest.length)))
                .isEqualTo(KV);
        assertThat(latest).hasSize(Schema.LATEST_KV_OFFSET + KV.getSerializedSize());
    }

    @Test
    void theIndexValueIsTheSameMarkerThenTheSameVersion() throws Exception {
        for (byte marker : new byte[] {Schema.LIVE, Schema.TOMBSTONE}) {
            byte[] index = Schema.indexValue(Schema.latestValue(marker, 9, KV));

            assertThat(index[0]).isEqualTo(marker);
            assertThat(KeyValue.parseFrom(Arrays.copyOfRange(index, 1, index.length))).isEqualTo(KV);
            assertThat(index).hasSize(1 + KV.getSerializedSize());
        }
    }
}
