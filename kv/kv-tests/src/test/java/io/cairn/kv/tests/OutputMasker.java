package io.cairn.kv.tests;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the parts of etcdctl output that legitimately differ between two servers, or between two runs of the same
 * server, so that everything else can be compared byte for byte.
 *
 * <p>Masked: cluster ids, member ids and raft terms in {@code -w json} headers ({@code "cluster_id":N}) and in
 * {@code -w fields} output ({@code "ClusterID" : N}); in the client's own log lines, the timestamp ({@code "ts"}),
 * the client's random id ({@code client-<uuid>}), durations ({@code took}) and sizes; the server's loopback port;
 * lease ids (server-chosen: in hexadecimal, as etcdctl prints them and inside lock and election keys, and in decimal
 * in JSON); a lease's remaining TTL (a matter of timing; the granted TTL is kept); the hash of
 * {@code endpoint hashkv}; and in {@code endpoint status -w json} the version, sizes, leader and raft position.
 * Revisions, keys, values, versions, counts, gRPC codes and messages are deliberately left alone: they must match.
 */
final class OutputMasker {

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("\"(cluster_id|member_id|raft_term)\":\\d+"), "\"$1\":<$1>"),
            new Rule(Pattern.compile("\"(ClusterID|MemberID|RaftTerm)\" : \\d+"), "\"$1\" : <$1>"),
            new Rule(Pattern.compile("\"ts\":\"[^\"]*\""), "\"ts\":\"<ts>\""),
            new Rule(Pattern.compile("\"ts\":[0-9.e+]+"), "\"ts\":<ts>"),
            new Rule(Pattern.compile("client-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                    "client-<uuid>"),
            new Rule(Pattern.compile("\"took\":(\"[^\"]*\"|[0-9.e-]+)"), "\"took\":<took>"),
            new Rule(Pattern.compile("took = [0-9.]+[a-zµ]+"), "took = <took>"),
            new Rule(Pattern.compile("\"size\":\"[^\"]*\""), "\"size\":\"<size>\""),
            new Rule(Pattern.compile("\"version\":\"[^\"]*\""), "\"version\":\"<version>\""),
            new Rule(Pattern.compile("\"(dbSize|dbSizeInUse|leader|raftIndex|raftTerm|raftAppliedIndex|hash)\":\\d+"),
                    "\"$1\":<$1>"),
            new Rule(Pattern.compile("(?m)^(http://127\\.0\\.0\\.1:\\d+), \\d+$"), "$1, <hash>"),
            new Rule(Pattern.compile("\"(ID|id|lease)\":\\d+"), "\"$1\":<lease-id>"),
            new Rule(Pattern.compile("\\b[0-9a-f]{12,16}\\b"), "<lease-id>"),
            new Rule(Pattern.compile("remaining\\(-?\\d+s\\)"), "remaining(<ttl>s)"),
            new Rule(Pattern.compile("\"ttl\":-?\\d+"), "\"ttl\":<ttl>"),
            new Rule(Pattern.compile("127\\.0\\.0\\.1:\\d+"), Matcher.quoteReplacement("127.0.0.1:<port>")));

    private OutputMasker() {
    }

    /** The text with every varying part replaced by a named placeholder. */
    static String mask(String text) {
        String masked = text;
        for (Rule rule : RULES) {
            masked = rule.apply(masked);
        }
        return masked;
    }
}
