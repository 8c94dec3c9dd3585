package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryCheckerTest {

    /** Two keys, four watchers (0 and 2 on key 0, 1 and 3 on key 1), six puts (0, 2, 4 to key 0). */
    private final DeliveryChecker checker = new DeliveryChecker(4, 2, 6);

    private void acknowledgeAll() {
        for (int seq = 0; seq < 6; seq++) {
            checker.acknowledged(seq, 100 + seq);
        }
    }

    private void deliverAllInOrder() {
        for (int w = 0; w < 4; w++) {
            for (int seq = w % 2; seq < 6; seq += 2) {
                checker.delivered(w, seq, 100 + seq);
            }
        }
    }

    @Test
    void everyPutSeenOnceInOrderByEveryWatcherOfItsKeyIsClean() {
        acknowledgeAll();
        deliverAllInOrder();

        assertThat(checker.expectedEvents()).isEqualTo(12);
        assertThat(checker.tally().clean()).isTrue();
        assertThat(checker.tally()).isEqualTo(new DeliveryChecker.Tally(0, 0, 0, 0, 0, 0));
    }

    @Test
    void anEventAWatcherNeverGetsIsMissing() {
        acknowledgeAll();
        checker.delivered(0, 0, 100);
        checker.delivered(0, 4, 104);

        DeliveryChecker.Tally tally = checker.tally();

        // watcher 0 lacks put 2; watchers 1, 2, 3 got nothing (3 + 3 + 3)
        assertThat(tally.missing()).isEqualTo(10);
        assertThat(tally.clean()).isFalse();
    }

    @Test
    void aRepeatedEventIsADuplicateAndNotInOrder() {
        acknowledgeAll();
        deliverAllInOrder();
        checker.delivered(2, 4, 104);

        DeliveryChecker.Tally tally = checker.tally();

        assertThat(tally.duplicate()).isEqualTo(1);
        assertThat(tally.outOfOrder()).isEqualTo(1);
        assertThat(tally.missing()).isZero();
    }

    @Test
    void anEventAtALowerRevisionThanThePreviousIsOutOfOrder() {
        acknowledgeAll();
        checker.delivered(1, 3, 103);
        checker.delivered(1, 1, 101);
        checker.delivered(1, 5, 105);

        assertThat(checker.tally().outOfOrder()).isEqualTo(1);
    }

    @Test
    void anEventAtAnotherRevisionThanItsAcknowledgementIsAMismatch() {
        acknowledgeAll();
        checker.delivered(0, 0, 100);
        checker.delivered(0, 2, 999);

        assertThat(checker.tally().revisionMismatch()).isEqualTo(1);
    }

    @Test
    void watchersThatDisagreeOnAnEventsRevisionAreAMismatch() {
        checker.delivered(0, 0, 100);
        checker.delivered(2, 0, 101);

        assertThat(checker.tally().revisionMismatch()).isEqualTo(1);
    }

    @Test
    void anEventForAnotherKeyOrOutsideTheRunIsUnexpected() {
        checker.delivered(0, 1, 101);
        checker.delivered(0, 6, 106);
        checker.delivered(0, -1, 107);

        assertThat(checker.tally().unexpected()).isEqualTo(3);
    }

    @Test
    void eventsOfFailedPutsAreNeitherExpectedNorAFailure() {
        checker.acknowledged(0, 100);
        checker.delivered(0, 0, 100);
        checker.delivered(0, 2, 102);
        checker.delivered(2, 0, 100);
        checker.delivered(2, 2, 102);

        DeliveryChecker.Tally tally = checker.tally();

        assertThat(checker.expectedEvents()).isEqualTo(2);
        assertThat(tally.unacknowledged()).isEqualTo(2);
        assertThat(tally.clean()).isTrue();
    }
}
