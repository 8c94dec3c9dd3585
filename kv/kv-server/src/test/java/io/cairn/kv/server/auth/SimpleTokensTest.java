package io.cairn.kv.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimpleTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SimpleTokens tokens = new SimpleTokens(Duration.ofSeconds(300), now::get, new Random(7),
            index -> false);

    @Test
    void aTokenIsSixteenLettersADotAndTheIndexOfItsEntry() {
        tokens.enable();

        String token = tokens.assign("alice", 3, tokens.newPrefix(), 42);

        assertThat(token).matches("[a-zA-Z]{16}\\.42");
        assertThat(tokens.info(token, 9)).contains(new AuthInfo("alice", 9));
    }

    @Test
    void aTokenExpiresAfterItsTtlWithoutUseAndEachUseExtendsIt() {
        tokens.enable();
        String token = tokens.assign("alice", 1, "abcdefghijklmnop", 5);

        now.addAndGet(Duration.ofSeconds(299).toMillis());
        assertThat(tokens.info(token, 1)).isPresent();
        now.addAndGet(Duration.ofSeconds(299).toMillis());
        assertThat(tokens.info(token, 1)).isPresent();
        now.addAndGet(Duration.ofSeconds(300).toMillis());
        assertThat(tokens.info(token, 1)).isEmpty();
    }

    @Test
    void malformedAndUnknownTokensAreInvalid() {
        tokens.enable();
        tokens.assign("alice", 1, "abcdefghijklmnop", 5);

        assertThat(tokens.info("abcdefghijklmnop", 1)).isEmpty();
        assertThat(tokens.info("abcdefghijklmnop.x", 1)).isEmpty();
        assertThat(tokens.info("a.b.5", 1)).isEmpty();
        assertThat(tokens.info("abcdefghijklmnoq.5", 1)).isEmpty();
    }

    @Test
    void deletingAUserOrDisablingAuthForgetsTokens() {
        tokens.enable();
        String alice = tokens.assign("alice", 1, "aaaaaaaaaaaaaaaa", 5);
        String bob = tokens.assign("bob", 1, "bbbbbbbbbbbbbbbb", 6);

        tokens.invalidateUser("alice");
        assertThat(tokens.info(alice, 1)).isEmpty();
        assertThat(tokens.info(bob, 1)).isPresent();

        tokens.disable();
        assertThat(tokens.info(bob, 1)).isEmpty();
    }

    @Test
    void whileAuthIsOffAssignedTokensAreNotRemembered() {
        String token = tokens.assign("alice", 1, "aaaaaaaaaaaaaaaa", 5);

        tokens.enable();

        assertThat(tokens.info(token, 1)).isEmpty();
    }

    @Test
    void aTokenFromAnEntryNotYetAppliedHereIsFoundOnceItIs() {
        SimpleTokens lagging = new SimpleTokens(Duration.ofSeconds(300), now::get, new Random(1), index -> {
            return true; // the waiter reports the entry applied; the test registers it as the apply would
        });
        lagging.enable();
        assertThat(lagging.info("aaaaaaaaaaaaaaaa.9", 1)).isEmpty();
        lagging.assign("alice", 1, "aaaaaaaaaaaaaaaa", 9);
        assertThat(lagging.info("aaaaaaaaaaaaaaaa.9", 1)).contains(new AuthInfo("alice", 1));
    }
}
