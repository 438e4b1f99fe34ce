package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An enqueue's claim between the writer and acknowledgements: a reservation (a transaction's
 * acknowledgements deciding together) keeps the writer from claiming the enqueue until it is
 * withdrawn or put back, and only a pending or delivering enqueue can be reserved.
 */
class EnqueueClaimTest {

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final CompletableFuture<Void> transaction = new CompletableFuture<>();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    private EnqueueClaim delivering() {
        WithdrawnCompletion owner = new WithdrawnCompletion(transaction);
        EnqueueClaim claim = new EnqueueClaim(owner);
        owner.enqueued();
        owner.submitted();
        claim.delivering();
        return claim;
    }

    /** The writer trying to claim {@code claim}, once it has been seen trying for a while. */
    private Future<Boolean> writerWaitingOn(EnqueueClaim claim) {
        Future<Boolean> claimed = writer.submit(claim::claimForWrite);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !claimed.isDone());
        return claimed;
    }

    @Test
    void theWriterWaitsOnAReservedEnqueueAndDoesNotWriteItOnceWithdrawn() throws Exception {
        EnqueueClaim claim = delivering();
        assertThat(claim.reserve()).isTrue();
        assertThat(claim.isDelivering()).as("a reserved enqueue may still be withdrawn").isTrue();
        Future<Boolean> claimed = writerWaitingOn(claim);

        claim.withdrawReserved();

        assertThat(claimed.get(5, TimeUnit.SECONDS)).as("withdrawn: not written").isFalse();
        assertThat(transaction).as("its only enqueue withdrawn").isDone();
        assertThat(claim.withdraw()).isFalse();
    }

    @Test
    void theWriterWaitsOnAReservedEnqueueAndWritesItOncePutBack() throws Exception {
        EnqueueClaim claim = delivering();
        assertThat(claim.reserve()).isTrue();
        Future<Boolean> claimed = writerWaitingOn(claim);

        claim.unreserve();

        assertThat(claimed.get(5, TimeUnit.SECONDS)).as("put back: the writer takes it").isTrue();
        assertThat(claim.reserve()).as("being written").isFalse();
        assertThat(claim.withdraw()).isFalse();
        assertThat(transaction).isNotDone();
    }

    @Test
    void onlyAPendingOrDeliveringEnqueueCanBeReserved() {
        EnqueueClaim written = delivering();
        assertThat(written.claimForWrite()).isTrue();
        assertThat(written.reserve()).isFalse();

        EnqueueClaim withdrawn = delivering();
        assertThat(withdrawn.withdraw()).isTrue();
        assertThat(withdrawn.reserve()).isFalse();

        EnqueueClaim reserved = delivering();
        assertThat(reserved.reserve()).isTrue();
        assertThat(reserved.reserve()).as("reserved once").isFalse();
        assertThat(reserved.withdraw()).as("an acknowledgement cannot take it meanwhile").isFalse();
    }
}
