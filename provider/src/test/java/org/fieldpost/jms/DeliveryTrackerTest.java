package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fieldpost.protocol.method.AmqpBasic;
import org.junit.jupiter.api.Test;

/** Which acks settle which tags, and what a recovery may forget. */
class DeliveryTrackerTest {
    private final DeliveryTracker tracker = new DeliveryTracker();

    private void receive(long... tags) {
        for (long tag : tags) {
            tracker.received(tag, 0);
        }
    }

    private void consume(long... tags) {
        for (long tag : tags) {
            assertThat(tracker.consumed(tag)).isTrue();
        }
    }

    @Test
    void settlementsMadeBeforeTheAcksAreTakenShareOneMultipleAck() {
        receive(1, 2, 3);
        consume(1);
        tracker.settleConsumed();
        consume(2);
        tracker.settleConsumed();

        assertThat(tracker.takeSettlingAcks()).containsExactly(new AmqpBasic.Ack(2, true));
        assertThat(tracker.takeSettlingAcks()).isEmpty();
    }

    @Test
    void aMultipleAckNeverCoversAPrefetchedMessage() {
        receive(1, 2, 3, 4);
        consume(1, 2, 4);
        tracker.settleConsumed();

        assertThat(tracker.takeSettlingAcks())
            .containsExactly(new AmqpBasic.Ack(2, true), new AmqpBasic.Ack(4, false));
    }

    @Test
    void consumedButUnsettledTagsAreNotAcked() {
        receive(1, 2);
        consume(1);
        tracker.settleConsumed();
        consume(2);

        assertThat(tracker.takeSettlingAcks()).containsExactly(new AmqpBasic.Ack(1, false));
        assertThat(tracker.consumedCount()).isOne();
    }

    /** CLIENT_ACKNOWLEDGE: acknowledge() then recover() before the I/O thread wrote the ack. */
    @Test
    void aRecoveryKeepsSettledTagsWhoseAcksAreNotWrittenYet() {
        receive(1, 2, 3);
        consume(1, 2, 3);
        tracker.settleConsumed();

        tracker.clear();
        tracker.purgeBefore(1);

        assertThat(tracker.takeSettlingAcks()).containsExactly(new AmqpBasic.Ack(3, true));
    }

    @Test
    void aRecoveryForgetsConsumedTagsThatWereNotSettled() {
        receive(1, 2);
        consume(1, 2);

        tracker.clear();
        tracker.settleConsumed();

        assertThat(tracker.takeSettlingAcks()).isEmpty();
    }

    @Test
    void aSettlingTagCannotBeForgottenAndSettledTwice() {
        receive(1, 2);
        consume(1, 2);
        tracker.settleConsumed();

        assertThat(tracker.forget(1)).as("already being acked").isFalse();
        List<AmqpBasic.Ack> acks = tracker.takeSettlingAcks();
        assertThat(acks).containsExactly(new AmqpBasic.Ack(2, true));
        assertThat(tracker.forget(1)).as("acked, no longer outstanding").isFalse();
    }

    @Test
    void forgettingAPrefetchedTagReportsThatItWasOutstanding() {
        receive(1);

        assertThat(tracker.forget(1)).isTrue();
        assertThat(tracker.consumed(1)).isFalse();
    }

    @Test
    void tagsSettledOutOfOrderAreAckedInTagOrder() {
        receive(1, 2, 3, 4);
        consume(4, 1, 2);
        tracker.settleConsumed();

        assertThat(tracker.takeSettlingAcks())
            .containsExactly(new AmqpBasic.Ack(2, true), new AmqpBasic.Ack(4, false));
        receive(5);
        consume(3, 5);
        tracker.settleConsumed();
        assertThat(tracker.takeSettlingAcks()).containsExactly(new AmqpBasic.Ack(5, true));
    }

    @Test
    void aRecoveryForgetsOnlyTheTagsOfEarlierEpochs() {
        receive(1, 2);
        consume(1);
        tracker.received(3, 1);
        tracker.received(4, 1);
        consume(3);

        tracker.purgeBefore(1);

        assertThat(tracker.consumed(2)).as("requeued by the recovery").isFalse();
        assertThat(tracker.consumedCount()).as("only tag 3 is still consumed").isOne();
        tracker.settleConsumed();
        assertThat(tracker.takeSettlingAcks()).containsExactly(new AmqpBasic.Ack(3, false));
        assertThat(tracker.forget(4)).as("prefetched in the new epoch").isTrue();
    }

    @Test
    void manyDeliveriesSettledOneByOneLeaveNothingBehind() {
        for (long tag = 1; tag <= 10_000; tag++) {
            tracker.received(tag, 0);
            assertThat(tracker.consumed(tag)).isTrue();
            tracker.settleConsumed();
            assertThat(tracker.takeSettlingAcks()).containsExactly(new AmqpBasic.Ack(tag, false));
        }
        assertThat(tracker.consumedCount()).isZero();
        assertThat(tracker.forget(10_000)).isFalse();
    }
}
