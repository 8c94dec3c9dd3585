package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputMaskerTest {

    @Test
    void masksTheIdsAndTermOfAJsonHeaderButNotTheRevision() {
        String json = "{\"header\":{\"cluster_id\":15118495548433857066,\"member_id\":13668033151171901709,"
                + "\"revision\":4,\"raft_term\":2},\"kvs\":[{\"key\":\"Zm9v\",\"create_revision\":2}]}";

        assertThat(OutputMasker.mask(json)).isEqualTo("{\"header\":{\"cluster_id\":<cluster_id>,"
                + "\"member_id\":<member_id>,\"revision\":4,\"raft_term\":<raft_term>},"
                + "\"kvs\":[{\"key\":\"Zm9v\",\"create_revision\":2}]}");
    }

    @Test
    void masksTheIdsAndTermOfFieldsOutputButNotTheRevision() {
        String fields = "\"ClusterID\" : 15118495548433857066\n\"MemberID\" : 13668033151171901709\n"
                + "\"Revision\" : 7\n\"RaftTerm\" : 2\n\"Key\" : \"k1\"\n";

        assertThat(OutputMasker.mask(fields)).isEqualTo("\"ClusterID\" : <ClusterID>\n\"MemberID\" : <MemberID>\n"
                + "\"Revision\" : 7\n\"RaftTerm\" : <RaftTerm>\n\"Key\" : \"k1\"\n");
    }

    @Test
    void masksTheTimestampClientIdAndPortOfAClientWarningButNotTheError() {
        String warning = "{\"level\":\"warn\",\"ts\":\"2026-11-27T15:50:33.677Z\",\"caller\":\"clientv3/"
                + "retry_interceptor.go:62\",\"msg\":\"retrying of unary invoker failed\",\"target\":\"endpoint://"
                + "client-09c7f438-ef27-4437-8baa-2e5b12ce0662/127.0.0.1:23791\",\"attempt\":0,\"error\":\"rpc error: "
                + "code = OutOfRange desc = etcdserver: mvcc: required revision is a future revision\"}";

        assertThat(OutputMasker.mask(warning)).isEqualTo("{\"level\":\"warn\",\"ts\":\"<ts>\",\"caller\":\"clientv3/"
                + "retry_interceptor.go:62\",\"msg\":\"retrying of unary invoker failed\",\"target\":\"endpoint://"
                + "client-<uuid>/127.0.0.1:<port>\",\"attempt\":0,\"error\":\"rpc error: "
                + "code = OutOfRange desc = etcdserver: mvcc: required revision is a future revision\"}");
    }

    @Test
    void leavesPlainOutputUntouched() {
        String plain = "foo\nbar\nOK\ncompacted revision 5\nError: etcdserver: key is not provided\n";

        assertThat(OutputMasker.mask(plain)).isEqualTo(plain);
    }

    @Test
    void masksEveryOccurrenceNotJustTheFirst() {
        String twoHeaders = "{\"raft_term\":2}{\"raft_term\":3}";

        assertThat(OutputMasker.mask(twoHeaders)).isEqualTo("{\"raft_term\":<raft_term>}{\"raft_term\":<raft_term>}");
    }
}
