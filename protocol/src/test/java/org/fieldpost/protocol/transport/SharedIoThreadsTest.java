package org.fieldpost.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultithreadEventLoopGroup;
import org.junit.jupiter.api.Test;

class SharedIoThreadsTest {

    @Test
    void everyHolderGetsTheSameGroupUntilTheLastOneReleasesIt() {
        int before = SharedIoThreads.holders();
        EventLoopGroup first = SharedIoThreads.acquire();
        EventLoopGroup second = SharedIoThreads.acquire();
        assertThat(second).isSameAs(first);
        assertThat(SharedIoThreads.holders()).isEqualTo(before + 2);
        assertThat(((MultithreadEventLoopGroup) first).executorCount()).isEqualTo(SharedIoThreads.size())
            .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

        SharedIoThreads.release();
        assertThat(first.isShuttingDown()).as("still held once").isFalse();
        assertThat(first.submit(() -> Thread.currentThread().getName()).syncUninterruptibly().getNow())
            .startsWith(SharedIoThreads.PREFIX + "-");
        SharedIoThreads.release();
        if (before == 0) {
            assertThat(first.isTerminated()).as("the last release shuts it down").isTrue();
            EventLoopGroup again = SharedIoThreads.acquire();
            try {
                assertThat(again).isNotSameAs(first);
                assertThat(again.isShuttingDown()).isFalse();
            } finally {
                SharedIoThreads.release();
            }
        }
        assertThat(SharedIoThreads.holders()).isEqualTo(before);
    }

    @Test
    void theSystemPropertySetsTheNumberOfLoops() {
        withProperty(" 3 ", () -> assertThat(SharedIoThreads.size()).isEqualTo(3));
        withProperty("1", () -> assertThat(SharedIoThreads.size()).isEqualTo(1));
    }

    @Test
    void anythingButAPositiveNumberInThePropertyIsRefusedByName() {
        for (String bad : new String[] {"0", "-2", "two", "", "2147483648"}) {
            withProperty(bad, () -> assertThatThrownBy(SharedIoThreads::size)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SharedIoThreads.PROPERTY).hasMessageContaining("'" + bad + "'"));
        }
    }

    private static void withProperty(String value, Runnable check) {
        String before = System.getProperty(SharedIoThreads.PROPERTY);
        System.setProperty(SharedIoThreads.PROPERTY, value);
        try {
            check.run();
        } finally {
            if (before == null) {
                System.clearProperty(SharedIoThreads.PROPERTY);
            } else {
                System.setProperty(SharedIoThreads.PROPERTY, before);
            }
        }
    }

    @Test
    void releasingWhatNobodyHoldsIsAnError() {
        if (SharedIoThreads.holders() == 0) {
            assertThatThrownBy(SharedIoThreads::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not held");
        }
    }
}
