package org.fieldpost.bench.jms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadResultTest {

    @Test
    void aResultSurvivesTheTripThroughAWorkerLine() {
        WorkloadResult result = new WorkloadResult("request-reply", true, 100, 1234.5, 1234.5, 80.25, 400.5,
            900.125, "");

        WorkloadResult parsed = WorkloadResult.parse(result.toLine());

        assertThat(parsed).isEqualTo(result);
    }

    @Test
    void aFailureKeepsItsReasonOnOneLine() {
        WorkloadResult failed = WorkloadResult.failed("queue-persistent", 100, "3 missing\n(97 of 100)\treceived");

        String line = failed.toLine();
        WorkloadResult parsed = WorkloadResult.parse(line);

        assertThat(line).doesNotContain("\n");
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.sendRate()).isNaN();
        assertThat(parsed.problem()).isEqualTo("3 missing (97 of 100) received");
    }
}
