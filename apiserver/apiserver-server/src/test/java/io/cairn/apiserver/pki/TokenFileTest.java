package io.cairn.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenFileTest {

    @TempDir
    Path directory;

    private Path file(String content) throws IOException {
        return Files.writeString(directory.resolve("tokens.csv"), content);
    }

    @ParameterizedTest(name = "[{0}] -> {1} / {2} / [{3}]")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', emptyValue = "", value = {
        "tok,alice,1001                       ~ alice ~ 1001 ~ ''",
        "tok,alice,1001,admins                ~ alice ~ 1001 ~ admins",
        "tok,alice,1001,\"dev,ops\"           ~ alice ~ 1001 ~ dev|ops",
        "tok,alice,1001,\"dev,,ops\"          ~ alice ~ 1001 ~ dev|ops",
        "tok,alice,1001,                      ~ alice ~ 1001 ~ ''",
        "tok,alice,1001,g1,extra,columns      ~ alice ~ 1001 ~ g1",
        "tok,\"smith, alice\",\"\"            ~ 'smith, alice' ~ '' ~ ''",
        "tok,system:kube-proxy,uid-7,\"system:nodes\" ~ system:kube-proxy ~ uid-7 ~ system:nodes",
    })
    void readsUserUidAndGroupsOfAToken(String line, String name, String uid, String groups) throws IOException {
        TokenFile tokens = TokenFile.load(file("\n" + line.strip() + "\n\n"));

        List<String> expectedGroups = groups.isEmpty() ? List.of() : List.of(groups.split("\\|"));
        assertThat(tokens.user("tok")).contains(new UserInfo(name, uid, expectedGroups));
        assertThat(tokens.size()).isOne();
        assertThat(tokens.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] has {1} columns")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        "tok,alice               ~ 2",
        "tok                     ~ 1",
        "'  '                    ~ 1",
        "'a,b,c\ntok,alice'      ~ 2",
    })
    void aRecordWithFewerThanThreeColumnsFailsTheLoadWithKubesMessage(String content, int found)
            throws IOException {
        Path file = file(content);

        assertThatThrownBy(() -> TokenFile.load(file)).isInstanceOf(IOException.class).hasMessage(
                "token file '" + file + "' must have at least 3 columns (token, user name, user uid), found "
                        + found);
    }

    @Test
    void malformedQuotingFailsTheLoadWithGosCsvMessage() throws IOException {
        Path file = file("tok,alice,1001\ntok2,bo\"b,1002\n");

        assertThatThrownBy(() -> TokenFile.load(file)).isInstanceOf(IOException.class)
                .hasMessage("parse error on line 2, column 8: bare \" in non-quoted-field");
    }

    @Test
    void aMissingFileFailsTheLoad() {
        assertThatThrownBy(() -> TokenFile.load(directory.resolve("absent.csv")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anEmptyTokenIsSkippedWithAWarningNamingItsRecordNumber() throws IOException {
        Path file = file("a,alice,1\n,bob,2\nc,carol,3\n");

        TokenFile tokens = TokenFile.load(file);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.user("")).isEmpty();
        assertThat(tokens.warnings()).containsExactly(
                "empty token has been found in token file '" + file + "', record number '2'");
    }

    @Test
    void aDuplicateTokenKeepsTheLastUserWithAWarning() throws IOException {
        Path file = file("a,alice,1\n\nb,bob,2\na,eve,3\n");

        TokenFile tokens = TokenFile.load(file);

        assertThat(tokens.user("a")).contains(new UserInfo("eve", "3", List.of()));
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.warnings()).containsExactly(
                "duplicate token has been found in token file '" + file + "', record number '3'");
    }

    @ParameterizedTest(name = "[{0}] is unknown")
    @CsvSource(quoteCharacter = '\'', value = {"secret-tokeN", "secret-toke", "'secret-token '", "' secret-token'",
        "''", "alice"})
    void onlyTheExactTokenMatches(String presented) throws IOException {
        TokenFile tokens = TokenFile.load(file("secret-token,alice,1\n"));

        assertThat(tokens.user(presented)).isEmpty();
        assertThat(tokens.user("secret-token")).isPresent();
    }
}
