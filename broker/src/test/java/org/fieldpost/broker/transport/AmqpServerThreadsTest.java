package org.fieldpost.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many I/O threads the server runs: one per core unless configured. */
class AmqpServerThreadsTest {

    @Test
    void unconfiguredItRunsOneEventLoopPerCore() {
        AmqpServer server = new AmqpServer(0);
        try {
            assertThat(server.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors())
                .isEqualTo(AmqpServer.defaultIoThreads());
        } finally {
            server.close();
        }
    }

    @Test
    void aConfiguredCountIsKept() {
        AmqpServer server = new AmqpServer(3);
        try {
            assertThat(server.ioThreads()).isEqualTo(3);
        } finally {
            server.close();
        }
    }
}
