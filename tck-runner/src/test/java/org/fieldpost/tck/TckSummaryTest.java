package org.fieldpost.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.fieldpost.tck.TckSummary.Outcome;
import org.fieldpost.tck.TckSummary.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TckSummaryTest {

    private static final String QUEUE_CLASS = "com.sun.ts.tests.jms.core.queuetests.QueueTestsIT";
    private static final String CONTEXT_CLASS = "com.sun.ts.tests.jms.core20.jmscontextqueuetests.ClientIT";

    @TempDir
    Path reports;

    @Test
    void readsEveryOutcomeOfEveryReport() throws IOException {
        writeReports();

        List<TestResult> results = TckSummary.read(reports);

        assertThat(results).extracting(TestResult::name, TestResult::outcome).containsExactly(
            org.assertj.core.groups.Tuple.tuple("receiveTest", Outcome.PASSED),
            org.assertj.core.groups.Tuple.tuple("browseTest", Outcome.FAILED),
            org.assertj.core.groups.Tuple.tuple("createContextTest", Outcome.ERROR),
            org.assertj.core.groups.Tuple.tuple("setClientIdTest", Outcome.SKIPPED));
        assertThat(results.get(2).reason())
            .isEqualTo("java.lang.Exception: createContextTest <- jakarta.jms.JMSRuntimeException: no channel");
    }

    @Test
    void countsPerAreaAndPackageAndListsFailures() throws IOException {
        writeReports();

        String summary = TckSummary.format(TckSummary.read(reports), "jms-tck 11.0.2",
            Instant.parse("2026-01-02T03:04:05.678Z"));

        assertThat(summary)
            .startsWith("Jakarta Messaging TCK against Fieldpost (jms-tck 11.0.2), 2026-01-02T03:04:05Z\n"
                + "run 4, passed 1, failed 2, skipped 1\n")
            .containsPattern("core +2 +1 +1 +0 +3\\.5")
            .containsPattern("core20 +2 +0 +1 +1 +0\\.3")
            .containsPattern("core\\.queuetests +2 +1 +1 +0 +3\\.5")
            .contains("  core.queuetests.QueueTestsIT#browseTest\n"
                + "      org.opentest4j.AssertionFailedError: expected 3 messages\n"
                + "      log: Error: browser saw 2 messages\n")
            .contains("core20.jmscontextqueuetests.ClientIT#createContextTest")
            .doesNotContain("#receiveTest");
    }

    @Test
    void noReportsMeansNoTests() throws IOException {
        String summary = TckSummary.format(TckSummary.read(reports.resolve("absent")), "", Instant.EPOCH);

        assertThat(summary).contains("run 0, passed 0, failed 0, skipped 0").contains("No test failed.");
    }

    @Test
    void mainWritesTheFile() throws IOException {
        writeReports();
        Path output = reports.resolve("out/tck-summary.txt");

        TckSummary.main(new String[] {reports.toString(), output.toString()});

        assertThat(output).content().contains("run 4, passed 1, failed 2, skipped 1");
    }

    private void writeReports() throws IOException {
        Files.writeString(reports.resolve("TEST-" + QUEUE_CLASS + ".xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="%1$s" time="3.5" tests="2" errors="0" skipped="0" failures="1">
              <testcase name="receiveTest" classname="%1$s" time="0.5"/>
              <testcase name="browseTest" classname="%1$s" time="3.0">
                <failure message="expected 3 messages&#10;but got 2" type="org.opentest4j.AssertionFailedError">
            trace</failure>
              </testcase>
            </testsuite>
            """.formatted(QUEUE_CLASS));
        Files.writeString(reports.resolve("TEST-" + CONTEXT_CLASS + ".xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="%1$s" time="0.25" tests="2" errors="1" skipped="1" failures="0">
              <testcase name="createContextTest" classname="%1$s" time="0.25">
                <error message="createContextTest" type="java.lang.Exception">java.lang.Exception: createContextTest
            \tat Somewhere
            Caused by: java.lang.IllegalStateException: wrapped
            Caused by: jakarta.jms.JMSRuntimeException: no channel
            \tat Elsewhere</error>
              </testcase>
              <testcase name="setClientIdTest" classname="%1$s" time="0"><skipped/></testcase>
            </testsuite>
            """.formatted(CONTEXT_CLASS));
        Files.writeString(reports.resolve(QUEUE_CLASS + "-output.txt"), """
            01-02-2026 03:04:05:  Harness - ==== begin browseTest
            01-02-2026 03:04:05:  Harness - Error: browser saw 2 messages
            01-02-2026 03:04:05:  Harness - ==== end browseTest: FAILED: expected 3 messages
            """);
        Files.writeString(reports.resolve("failsafe-summary.xml"), "<failsafe-summary/>");
    }
}
