package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtcdctlScriptTest {

    @Test
    void eachDollarLineIsOneStepAndCommentsAndBlankLinesAreIgnored() {
        EtcdctlScript script = EtcdctlScript.parse("""
                # a comment

                $ put foo bar
                $ get foo -w json
                """, name -> "");

        assertThat(script.steps()).extracting(EtcdctlScript.Step::args)
                .containsExactly(List.of("put", "foo", "bar"), List.of("get", "foo", "-w", "json"));
        assertThat(script.steps()).extracting(EtcdctlScript.Step::line).containsExactly(3, 4);
        assertThat(script.steps().get(0).stdin()).isEmpty();
    }

    @Test
    void quotesGroupWordsAndAnEmptyPairIsAnEmptyArgument() {
        EtcdctlScript script = EtcdctlScript.parse("$ put \"\" 'a b' \"say \\\"hi\\\"\"\n", name -> "");

        assertThat(script.steps().get(0).args()).containsExactly("put", "", "a b", "say \"hi\"");
    }

    @Test
    void aHeredocKeepsItsLinesVerbatimIncludingBlankOnes() {
        EtcdctlScript script = EtcdctlScript.parse("""
                $ txn -w json <<EOF
                value("k") = "v"

                put k v2

                # not a comment here

                EOF
                $ get k
                """, name -> "");

        assertThat(script.steps()).hasSize(2);
        assertThat(script.steps().get(0).args()).containsExactly("txn", "-w", "json");
        assertThat(script.steps().get(0).stdin())
                .contains("value(\"k\") = \"v\"\n\nput k v2\n\n# not a comment here\n\n");
        assertThat(script.steps().get(1).line()).isEqualTo(9);
    }

    @Test
    void stdinCanComeFromASiblingFile() {
        EtcdctlScript script = EtcdctlScript.parse("$ txn < ops.txt\n", name -> "content of " + name);

        assertThat(script.steps().get(0).args()).containsExactly("txn");
        assertThat(script.steps().get(0).stdin()).isEqualTo(Optional.of("content of ops.txt"));
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() {
        assertThatThrownBy(() -> EtcdctlScript.parse("$ put a b\nput c d\n", name -> ""))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> EtcdctlScript.parse("$ txn <<EOF\nput a b\n", name -> ""))
                .hasMessageContaining("line 1").hasMessageContaining("not closed");
        assertThatThrownBy(() -> EtcdctlScript.parse("$ put \"a b\n", name -> ""))
                .hasMessageContaining("unclosed quote");
    }

    @Test
    void aBracketedPrefixNamesTheServicesAStepNeeds() {
        EtcdctlScript script = EtcdctlScript.parse("""
                [Lease] $ lease grant 60
                [Status, HashKV] $ endpoint status
                $ get foo
                """, name -> "");

        assertThat(script.steps()).extracting(EtcdctlScript.Step::needs).containsExactly(
                Set.of(EtcdService.LEASE), Set.of(EtcdService.STATUS, EtcdService.HASH_KV), Set.of());
        assertThat(script.steps().get(1).args()).containsExactly("endpoint", "status");
        assertThatThrownBy(() -> EtcdctlScript.parse("[Leases] $ lease list\n", name -> ""))
                .hasMessageContaining("line 1").hasMessageContaining("unknown service Leases");
    }

    @Test
    void anArrowKeepsThePrintedIdAndAnAmpersandRunsTheStepInTheBackground() {
        EtcdctlScript script = EtcdctlScript.parse("""
                $ lease grant 60 => LEASE
                $ watch foo --rev 2 &
                $ put foo bar --lease=${LEASE}
                wait
                """, name -> "");

        assertThat(script.entries()).hasSize(4);
        assertThat(script.steps().get(0).args()).containsExactly("lease", "grant", "60");
        assertThat(script.steps().get(0).captureAs()).contains("LEASE");
        assertThat(script.steps().get(0).background()).isFalse();
        assertThat(script.steps().get(1).args()).containsExactly("watch", "foo", "--rev", "2");
        assertThat(script.steps().get(1).background()).isTrue();
        assertThat(script.steps().get(2).args()).containsExactly("put", "foo", "bar", "--lease=${LEASE}");
        assertThat(script.entries().get(3)).isEqualTo(new EtcdctlScript.Wait(4));
    }
}
