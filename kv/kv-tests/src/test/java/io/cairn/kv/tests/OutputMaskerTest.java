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

    @Test
    void masksLeaseIdsInHexadecimalAndInJsonAndTheRemainingTtlButNotTheGrantedTtl() {
        String text = "lease 3ceea21de56c6a14 granted with TTL(300s), remaining(299s), attached keys([lk])\n"
                + "{\"id\":4390624936019651092,\"ttl\":299,\"granted-ttl\":300,\"keys\":null}\n"
                + "found 1 leases\n694d7a9b1a3c7a0f\nmylock/3ceea21de56c6a1c 12\n";

        assertThat(OutputMasker.mask(text)).isEqualTo(
                "lease <lease-id> granted with TTL(300s), remaining(<ttl>s), attached keys([lk])\n"
                + "{\"id\":<lease-id>,\"ttl\":<ttl>,\"granted-ttl\":300,\"keys\":null}\n"
                + "found 1 leases\n<lease-id>\nmylock/<lease-id> 12\n");
    }

    @Test
    void masksTheVersionSizesLeaderAndRaftPositionOfEndpointStatusButNotTheRevision() {
        String status = "[{\"Endpoint\":\"http://127.0.0.1:32379\",\"Status\":{\"header\":{\"cluster_id\":1,"
                + "\"member_id\":2,\"revision\":21,\"raft_term\":2},\"version\":\"3.4.23\",\"dbSize\":24576,"
                + "\"leader\":443629905751424238,\"raftIndex\":42,\"raftTerm\":2,\"raftAppliedIndex\":42,"
                + "\"dbSizeInUse\":20480}}]";

        assertThat(OutputMasker.mask(status)).isEqualTo("[{\"Endpoint\":\"http://127.0.0.1:<port>\",\"Status\":"
                + "{\"header\":{\"cluster_id\":<cluster_id>,\"member_id\":<member_id>,\"revision\":21,"
                + "\"raft_term\":<raft_term>},\"version\":\"<version>\",\"dbSize\":<dbSize>,\"leader\":<leader>,"
                + "\"raftIndex\":<raftIndex>,\"raftTerm\":<raftTerm>,\"raftAppliedIndex\":<raftAppliedIndex>,"
                + "\"dbSizeInUse\":<dbSizeInUse>}}]");
    }

    @Test
    void masksTheHashOfEndpointHashkvButNotItsCompactRevision() {
        String text = "http://127.0.0.1:32379, 1169427187\n[{\"Endpoint\":\"http://127.0.0.1:32379\",\"HashKV\":"
                + "{\"hash\":1169427187,\"compact_revision\":3}}]\n";

        assertThat(OutputMasker.mask(text)).isEqualTo("http://127.0.0.1:<port>, <hash>\n[{\"Endpoint\":"
                + "\"http://127.0.0.1:<port>\",\"HashKV\":{\"hash\":<hash>,\"compact_revision\":3}}]\n");
    }

    @Test
    void masksTheTimingsAndSizesOfSnapshotAndHealthOutput() {
        String text = "{\"level\":\"info\",\"ts\":1795797968.0500426,\"caller\":\"snapshot/v3_snapshot.go:142\","
                + "\"msg\":\"fetched snapshot\",\"size\":\"25 kB\",\"took\":0.007077233}\n"
                + "http://127.0.0.1:32379 is healthy: successfully committed proposal: took = 4.561242ms\n";

        assertThat(OutputMasker.mask(text)).isEqualTo("{\"level\":\"info\",\"ts\":<ts>,\"caller\":"
                + "\"snapshot/v3_snapshot.go:142\",\"msg\":\"fetched snapshot\",\"size\":\"<size>\",\"took\":<took>}\n"
                + "http://127.0.0.1:<port> is healthy: successfully committed proposal: took = <took>\n");
    }
}
