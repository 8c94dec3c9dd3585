package io.cairn.kv.server.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The log encoding of commands: what is written is what is read back, with or without an accessible array. */
class CommandCodecTest {

    private static final PutRequest PUT = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("/k"))
            .setValue(ByteString.copyFrom(value())).setLease(7).setPrevKv(true).build();

    private static byte[] value() {
        byte[] v = new byte[256];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i * 31 + 7);
        }
        return v;
    }

    @Test
    void everyKeyValueCommandSurvivesTheLog() {
        Command[] commands = {
            new Command.Put(PUT),
            new Command.DeleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("a"))
                    .setRangeEnd(ByteString.copyFromUtf8("b")).build()),
            new Command.Txn(TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder().setRequestPut(PUT)).build()),
            new Command.Compact(CompactionRequest.newBuilder().setRevision(5).build()),
            new Command.AsUser("alice", 3, new Command.Put(PUT)),
        };
        for (Command c : commands) {
            byte[] entry = c.encode();
            assertThat(Command.decode(ByteBuffer.wrap(entry))).as("%s", c).isEqualTo(c);
            // a follower's entries are read-only views: no array to share, the same command
            assertThat(Command.decode(ByteBuffer.wrap(entry).asReadOnlyBuffer())).as("%s read-only", c).isEqualTo(c);
        }
    }

    @Test
    void theTypeByteIsFollowedByTheMessageAlone() {
        byte[] entry = new Command.Put(PUT).encode();
        assertThat(entry).hasSize(1 + PUT.getSerializedSize());
        assertThat(entry[0]).isEqualTo(Command.PUT);
        assertThat(Arrays.copyOfRange(entry, 1, entry.length)).isEqualTo(PUT.toByteArray());
    }

    @Test
    void anEntryInsideALargerBufferDecodesFromItsPosition() {
        byte[] entry = new Command.Put(PUT).encode();
        byte[] framed = new byte[entry.length + 10];
        System.arraycopy(entry, 0, framed, 4, entry.length);
        ByteBuffer b = ByteBuffer.wrap(framed, 4, entry.length).slice();
        assertThat(Command.decode(b)).isEqualTo(new Command.Put(PUT));
        assertThat(b.position()).as("the caller's position is not consumed").isZero();
    }

    @Test
    void aDecodedPutSharesTheEntrysBytesInsteadOfCopyingTheValue() {
        byte[] entry = new Command.Put(PUT).encode();
        PutRequest decoded = ((Command.Put) Command.decode(ByteBuffer.wrap(entry))).request();
        // entries are never changed once written; changing one here shows the value is a view of it, not a copy
        int at = indexOf(entry, PUT.getValue().toByteArray());
        entry[at] = (byte) ~entry[at];
        assertThat(decoded.getValue().byteAt(0)).isEqualTo(entry[at]);
    }

    @Test
    void aTruncatedEntryIsReportedAsCorrupt() {
        byte[] entry = new Command.Put(PUT).encode();
        assertThatThrownBy(() -> Command.decode(ByteBuffer.wrap(entry, 0, entry.length - 5).slice()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt command");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("value not found in the entry");
    }
}
