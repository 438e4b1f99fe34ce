package org.fieldpost.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TckLogExcerptsTest {

    @Test
    void picksTheFirstTellingLineBetweenTheMarkersOfEachTest() {
        Map<String, String> excerpts = TckLogExcerpts.fromLines(List.of(
            "11-29-2026 13:01:17:  Harness - ==== begin sendTest",
            "11-29-2026 13:01:17:  Harness - Error reading the Properties object",
            "java.io.FileNotFoundException: /tmp/root-cts-props.txt (No such file or directory)",
            "11-29-2026 13:01:17:  Harness - Creating 1 message",
            "11-29-2026 13:01:18:  Harness - Error: expected priority 7, got 4",
            "11-29-2026 13:01:18:  Harness - Caught unexpected exception",
            "11-29-2026 13:01:18:  Harness - ==== end sendTest: FAILED: java.lang.Exception: sendTest",
            "11-29-2026 13:01:18:  Harness - ==== begin quietTest",
            "11-29-2026 13:01:18:  Harness - Closing connections",
            "11-29-2026 13:01:18:  Harness - ==== end quietTest: FAILED: java.lang.Exception: quietTest",
            "11-29-2026 13:01:19:  Harness - error after every test"));

        assertThat(excerpts).containsExactly(Map.entry("sendTest", "Error: expected priority 7, got 4"));
    }

    @Test
    void prefersTheFirstSevereRecordOfJavaUtilLogging() {
        Map<String, String> excerpts = TckLogExcerpts.fromLines(List.of(
            "11-29-2026 13:01:17:  Harness - ==== begin unsubscribeTest",
            "Nov 29, 2026 1:57:50 PM com.sun.ts.tests.jms.core.exceptionQueue.ExceptionQueueTestsIT unsubscribeTest",
            "INFO: Got expected IllegalStateException from QueueSession.createTopic(String)",
            "Nov 29, 2026 1:57:50 PM com.sun.ts.tests.jms.core.exceptionQueue.ExceptionQueueTestsIT unsubscribeTest",
            "SEVERE: Error: QueueSession.unsubscribe(String) throw incorrect Exception: ",
            "jakarta.jms.InvalidDestinationException: no durable subscription foo",
            "SEVERE: Error: second",
            "11-29-2026 13:01:18:  Harness - java.lang.Exception: unsubscribeTest failed",
            "11-29-2026 13:01:18:  Harness - ==== end unsubscribeTest: FAILED: java.lang.Exception"));

        assertThat(excerpts).containsExactly(
            Map.entry("unsubscribeTest", "Error: QueueSession.unsubscribe(String) throw incorrect Exception: "
                + "jakarta.jms.InvalidDestinationException: no durable subscription foo"));
    }
}
