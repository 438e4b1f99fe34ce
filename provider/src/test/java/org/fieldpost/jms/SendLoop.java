package org.fieldpost.jms;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends numbered messages from a thread of its own: until {@link #stop()}, until {@code limit} sends
 * returned, or until a send throws. {@link #done()} completes with the number of sends that returned,
 * or fails with what the last one threw. {@link #sent()} is also the number of the message being sent.
 */
final class SendLoop {

    /** One send of message number {@code n}. */
    @FunctionalInterface
    interface Send {
        void send(int n) throws Exception;
    }

    private final AtomicInteger sent = new AtomicInteger();
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stop;

    private SendLoop(String name, int limit, Send send) {
        thread = new Thread(() -> {
            try {
                while (!stop && sent.get() < limit) {
                    send.send(sent.get());
                    sent.incrementAndGet();
                }
                done.complete(sent.get());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Sends until stopped or a send throws. */
    static SendLoop start(String name, Send send) {
        return start(name, Integer.MAX_VALUE, send);
    }

    /** Sends at most {@code limit} messages. */
    static SendLoop start(String name, int limit, Send send) {
        SendLoop loop = new SendLoop(name, limit, send);
        loop.thread.start();
        return loop;
    }

    /** Sends that returned so far. */
    int sent() {
        return sent.get();
    }

    CompletableFuture<Integer> done() {
        return done;
    }

    /** No send after the current one. */
    void stop() {
        stop = true;
    }

    /** Whether the thread is parked inside a send, waiting for producer flow control. */
    boolean waitsForFlowControl() {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
            && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(ProducerFlowControl.class.getName()));
    }
}
