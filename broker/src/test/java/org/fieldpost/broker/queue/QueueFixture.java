package org.fieldpost.broker.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;

/** Builds queues with a manual clock and records dead letters and auto-delete requests. */
final class QueueFixture implements DeadLetterSink, QueueListener {

    final ManualClock clock = new ManualClock();
    final List<String> deadLetters = new ArrayList<>();
    final List<MessageQueue> autoDeleted = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    MessageQueue queue(Map<String, Object> args) throws ProtocolException {
        return queue(args, false);
    }

    MessageQueue queue(Map<String, Object> args, boolean autoDelete) throws ProtocolException {
        QueueArguments settings = QueueArguments.parse("q", "/", args, 0);
        return new MessageQueue("q", false, autoDelete, null, args, settings,
            new QueueContext("/", clock, this, this, null));
    }

    Message message(String body) {
        return message(body, null, null);
    }

    Message message(String body, Integer priority, String expiration) {
        BasicProperties props = new BasicProperties(null, null, null, 1, priority, null, null, expiration, null,
            null, null, null, null, null);
        return Message.create(ids.incrementAndGet(), "ex", "key", props, body.getBytes(StandardCharsets.UTF_8),
            clock.getAsLong());
    }

    @Override
    public synchronized void deadLetter(MessageQueue source, Message message, DeadLetterReason reason) {
        deadLetters.add(new String(message.body(), StandardCharsets.UTF_8) + ":" + reason.text());
    }

    @Override
    public synchronized void autoDeleteRequested(MessageQueue queue) {
        autoDeleted.add(queue);
    }
}
