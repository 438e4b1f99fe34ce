package org.fieldpost.bench.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    /** A clock that each pass moves on by a fixed time. */
    private final long[] now = {1_000};
    private final List<Integer> passes = new ArrayList<>();

    private IntFunction<WorkloadResult> passTaking(long millis, int invalidPass) {
        return n -> {
            passes.add(n);
            now[0] += TimeUnit.MILLISECONDS.toNanos(millis);
            return n == invalidPass ? WorkloadResult.failed("tx-batch-100", 100, "2 missing")
                : new WorkloadResult("tx-batch-100", true, 100, 1, 1, Double.NaN, Double.NaN, Double.NaN, "");
        };
    }

    @Test
    void repeatsPassesUntilTheMinimumTimeHasGoneBy() {
        WarmUp warmUp = new WarmUp(100, 1.0, () -> now[0]);

        WarmUp.Outcome outcome = warmUp.run(passTaking(300, -1));

        assertThat(passes).containsExactly(1, 2, 3, 4);
        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.passes()).isEqualTo(4);
        assertThat(outcome.messages()).isEqualTo(400);
        assertThat(outcome.seconds()).isEqualTo(1.2);
        assertThat(outcome.toLine()).isEqualTo("WARMUP\tpasses=4\tmessages=400\tseconds=1.2");
    }

    @Test
    void runsOnePassWhenThatPassAloneTakesLongEnoughOrNoTimeIsAsked() {
        assertThat(new WarmUp(100, 1.0, () -> now[0]).run(passTaking(1_500, -1)).passes()).isEqualTo(1);
        assertThat(new WarmUp(100, 0, () -> now[0]).run(passTaking(1, -1)).passes()).isEqualTo(1);
        assertThat(passes).containsExactly(1, 1);
    }

    @Test
    void noMessagesMeansNoWarmUpWhateverTheTime() {
        WarmUp.Outcome outcome = new WarmUp(0, 30, () -> now[0]).run(passTaking(1, -1));

        assertThat(passes).isEmpty();
        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.passes()).isZero();
    }

    @Test
    void anInvalidPassEndsTheWarmUpAndSaysWhichPassItWas() {
        WarmUp.Outcome outcome = new WarmUp(100, 10, () -> now[0]).run(passTaking(100, 2));

        assertThat(passes).containsExactly(1, 2);
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.problem()).isEqualTo("warm-up pass 2: 2 missing");
    }

    @Test
    void eachPassHasADestinationOfItsOwn() {
        assertThat(WarmUp.destination("queue-persistent", 1)).isEqualTo("bench.warmup.queue-persistent.1");
        assertThat(WarmUp.destination("queue-persistent", 2)).isNotEqualTo(WarmUp.destination("queue-persistent", 1));
    }

    @Test
    void refusesANegativeCountOrTime() {
        assertThatThrownBy(() -> new WarmUp(-1, 0, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmUp(1, -0.5, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarmUp(1, Double.NaN, System::nanoTime))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
