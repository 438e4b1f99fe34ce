package org.fieldpost.bench.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactlyOnceCheckerTest {

    @Test
    void everyIdOnceInAnyOrderIsValid() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(1000);
        List<Integer> ids = new ArrayList<>(IntStream.range(0, 1000).boxed().toList());
        java.util.Collections.shuffle(ids, new java.util.Random(7));

        boolean completed = false;
        for (int id : ids) {
            completed |= checker.record(id);
        }

        assertThat(completed).isTrue();
        assertThat(checker.isComplete()).isTrue();
        assertThat(checker.verdict().valid()).isTrue();
        assertThat(checker.verdict().describe()).isEqualTo("exactly once");
    }

    @Test
    void aLostMessageMakesTheRunInvalid() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(100);
        IntStream.range(0, 100).filter(id -> id != 42).forEach(checker::record);

        ExactlyOnceChecker.Verdict verdict = checker.verdict();

        assertThat(checker.isComplete()).isFalse();
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.missing()).isEqualTo(1);
        assertThat(verdict.checksumMatches()).isFalse();
        assertThat(verdict.describe()).startsWith("1 missing");
    }

    @Test
    void aDuplicateMakesTheRunInvalidEvenWhenTheCountLooksRight() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(100);
        IntStream.range(0, 100).filter(id -> id != 42).forEach(checker::record);
        checker.record(7);

        ExactlyOnceChecker.Verdict verdict = checker.verdict();

        assertThat(verdict.received()).isEqualTo(100);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.duplicates()).isEqualTo(1);
        assertThat(verdict.missing()).isEqualTo(1);
        assertThat(verdict.describe()).contains("1 duplicate");
    }

    @Test
    void aDuplicateAfterCompletionIsCaught() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(10);
        IntStream.range(0, 10).forEach(checker::record);
        checker.record(9);

        assertThat(checker.isComplete()).isTrue();
        assertThat(checker.verdict().valid()).isFalse();
        assertThat(checker.verdict().duplicates()).isEqualTo(1);
    }

    @Test
    void idsThatWereNeverSentAndCorruptBodiesAreCaught() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(3);
        IntStream.range(0, 3).forEach(checker::record);
        checker.record(-1);
        checker.record(3);
        checker.recordCorrupt();

        ExactlyOnceChecker.Verdict verdict = checker.verdict();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.outOfRange()).isEqualTo(2);
        assertThat(verdict.corrupt()).isEqualTo(1);
    }

    @Test
    void concurrentConsumersSeeExactlyOneCompletion() throws Exception {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(40_000);
        int[] completions = new int[4];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int part = t;
            Thread thread = new Thread(() -> {
                for (int id = part; id < 40_000; id += 4) {
                    if (checker.record(id)) {
                        completions[part]++;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(IntStream.of(completions).sum()).isEqualTo(1);
        assertThat(checker.verdict().valid()).isTrue();
        assertThat(checker.completedAtNanos()).isNotZero();
    }
}
