package org.fieldpost.jms.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The three conditions that shut the gate, their water marks, and the end of the connection. */
class PublishGateTest {
    private final PublishGate gate = new PublishGate();

    @Test
    void openUntilTheBrokerBlocksThenWaitersAreReleasedByUnblocked() {
        assertThat(gate.whenOpen()).isCompleted();
        gate.blocked(true);
        CompletableFuture<Void> waiter = gate.whenOpen();
        assertThat(waiter).isNotDone();
        assertThat(gate.isBlocked()).isTrue();
        gate.blocked(false);
        assertThat(waiter).isCompleted();
        assertThat(gate.whenOpen()).isCompleted();
    }

    @Test
    void anUnwritableSocketShutsTheGateEvenWhenTheBrokerDoesNotBlock() {
        gate.writable(false);
        CompletableFuture<Void> waiter = gate.whenOpen();
        assertThat(waiter).isNotDone();
        assertThat(gate.isBlocked()).isFalse();
        gate.blocked(true);
        gate.writable(true);
        assertThat(waiter).as("still blocked by the broker").isNotDone();
        gate.blocked(false);
        assertThat(waiter).isCompleted();
    }

    @Test
    void queuedPublishesShutTheGateAtTheHighMarkAndOpenItUnderTheLowMark() {
        long chunk = 32 * 1024;
        long chunks = PublishGate.HIGH_WATER_MARK / chunk;
        for (int i = 0; i < chunks - 1; i++) {
            gate.enqueued(chunk);
        }
        assertThat(gate.whenOpen()).isCompleted();
        gate.enqueued(chunk);
        CompletableFuture<Void> waiter = gate.whenOpen();
        assertThat(waiter).isNotDone();
        while (chunks * chunk >= PublishGate.LOW_WATER_MARK + chunk) {
            gate.dequeued(chunk);
            chunks--;
            assertThat(waiter).as("above the low mark").isNotDone();
        }
        gate.dequeued(chunk);
        assertThat(waiter).isCompleted();
    }

    @Test
    void theEndOfTheConnectionFailsWaitersAndLaterCallers() {
        gate.blocked(true);
        CompletableFuture<Void> waiter = gate.whenOpen();
        AmqpException gone = new AmqpException("connection closed", null);
        gate.end(gone);
        assertThat(waiter).isCompletedExceptionally();
        assertThat(gate.whenOpen()).isCompletedExceptionally();
        gate.blocked(false);
        assertThat(gate.whenOpen()).as("ended for good").isCompletedExceptionally();
    }

    @Test
    void aWaiterCannotOpenTheGateForTheOthers() {
        gate.blocked(true);
        gate.whenOpen().complete(null);
        assertThat(gate.whenOpen()).isNotDone();
    }
}
