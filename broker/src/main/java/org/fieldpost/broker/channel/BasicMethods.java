package org.fieldpost.broker.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import org.fieldpost.broker.exchange.Binding;
import org.fieldpost.broker.message.FieldValues;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueEntry;
import org.fieldpost.broker.transport.FrameWriter;
import org.fieldpost.broker.vhost.RouteResult;
import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.content.Content;
import org.fieldpost.protocol.jms.JmsHeaders;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.selector.Selector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of AMQP class {@code basic}: qos, consume and cancel, publish (with mandatory
 * returns and publisher confirms), get, and the settlements ack, nack, reject and recover.
 *
 * <p>Concurrency: confined to the event loop.
 */
final class BasicMethods {
    private static final Logger LOG = LoggerFactory.getLogger(BasicMethods.class);

    private final ServerChannel channel;
    private final Deliveries deliveries;
    private final TxMethods tx;
    private final PublisherConfirms confirms;

    BasicMethods(ServerChannel channel, Deliveries deliveries, TxMethods tx) {
        this.channel = channel;
        this.deliveries = deliveries;
        this.tx = tx;
        this.confirms = new PublisherConfirms(channel);
    }

    void handle(AmqpMethod method) throws ProtocolException {
        if (method instanceof AmqpBasic.Ack ack) {
            settle(ack.deliveryTag(), ack.multiple(), Deliveries.Settlement.ACK);
        } else if (method instanceof AmqpBasic.Nack nack) {
            settle(nack.deliveryTag(), nack.multiple(), requeueOrDeadLetter(nack.requeue()));
        } else if (method instanceof AmqpBasic.Reject reject) {
            settle(reject.deliveryTag(), false, requeueOrDeadLetter(reject.requeue()));
        } else if (method instanceof AmqpBasic.Consume consume) {
            consume(consume);
        } else if (method instanceof AmqpBasic.Cancel cancel) {
            deliveries.removeConsumer(cancel.consumerTag());
            if (!cancel.nowait()) {
                channel.send(new AmqpBasic.CancelOk(cancel.consumerTag()));
            }
        } else if (method instanceof AmqpBasic.Get get) {
            get(get);
        } else if (method instanceof AmqpBasic.Qos qos) {
            qos(qos);
        } else if (method instanceof AmqpBasic.Recover recover) {
            recover(recover.requeue());
            channel.send(new AmqpBasic.RecoverOk());
        } else if (method instanceof AmqpBasic.RecoverAsync recover) {
            recover(recover.requeue());
        } else if (method instanceof AmqpBasic.Credit credit) {
            deliveries.creditBrowser(credit.consumerTag(), credit.credit());
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName());
        }
    }

    private static Deliveries.Settlement requeueOrDeadLetter(boolean requeue) {
        return requeue ? Deliveries.Settlement.REQUEUE : Deliveries.Settlement.DEAD_LETTER;
    }

    private void settle(long tag, boolean multiple, Deliveries.Settlement how) throws ProtocolException {
        List<Unacked> taken = deliveries.take(tag, multiple);
        if (!tx.transactional()) {
            deliveries.settle(taken, how);
            return;
        }
        tx.enlist(new TxMethods.TxAction() {
            @Override
            public void commit(TxCommit commit) {
                deliveries.settle(taken, how, commit);
            }

            @Override
            public void rollback() {
                deliveries.restore(taken);
            }
        });
    }

    private void qos(AmqpBasic.Qos qos) throws ProtocolException {
        if (qos.prefetchSize() != 0) {
            throw new ProtocolException(ReplyCode.NOT_IMPLEMENTED,
                "NOT_IMPLEMENTED - prefetch_size!=0 (" + qos.prefetchSize() + ")");
        }
        deliveries.qos(qos.prefetchCount(), qos.global());
        channel.send(new AmqpBasic.QosOk());
    }

    private void recover(boolean requeue) throws ProtocolException {
        if (!requeue) {
            throw new ProtocolException(ReplyCode.NOT_IMPLEMENTED, "NOT_IMPLEMENTED - requeue=false");
        }
        deliveries.recover();
    }

    private void consume(AmqpBasic.Consume consume) throws ProtocolException {
        VirtualHost vhost = channel.host().virtualHost();
        String queueName = channel.queueMethods().resolve(consume.queue());
        MessageQueue queue = vhost.lookupQueue(queueName, channel.host().owner());
        String tag = consume.consumerTag().isEmpty() ? "amq.ctag-" + UUID.randomUUID() : consume.consumerTag();
        if (deliveries.hasConsumer(tag)) {
            throw new ProtocolException(ReplyCode.NOT_ALLOWED,
                "NOT_ALLOWED - attempt to reuse consumer tag '" + tag + "'");
        }
        Selector selector = Binding.parseSelector(consume.arguments());
        if (isBrowse(consume)) {
            browse(consume, queue, tag, selector);
            return;
        }
        ChannelConsumer consumer = new ChannelConsumer(tag, queue, consume.noAck(), consume.exclusive(),
            consume.noLocal(), selector, deliveries.consumerPrefetch(), deliveries);
        queue.addConsumer(consumer, consume.exclusive());
        deliveries.addConsumer(consumer);
        // consume-ok still precedes the first delivery: deliveries are posted to this event loop
        // and so run after this method returns.
        if (!consume.nowait()) {
            channel.send(new AmqpBasic.ConsumeOk(tag));
        }
    }

    private static boolean isBrowse(AmqpBasic.Consume consume) {
        return consume.arguments() != null && Boolean.TRUE.equals(consume.arguments().get(JmsHeaders.X_BROWSE));
    }

    private void browse(AmqpBasic.Consume consume, MessageQueue queue, String tag, Selector selector)
        throws ProtocolException {
        if (!consume.noAck()) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - a browser (x-browse) must consume with no-ack");
        }
        long credit = browseCredit(consume.arguments());
        if (!consume.nowait()) {
            channel.send(new AmqpBasic.ConsumeOk(tag));
        }
        deliveries.addBrowser(new BrowseCursor(tag, queue.browse(),
            message -> ChannelConsumer.matches(selector, message), credit));
    }

    /** The browser's window from {@code x-browse-credit}, or {@link BrowseCursor#UNLIMITED}. */
    private static long browseCredit(Map<String, Object> arguments) throws ProtocolException {
        Object credit = arguments.get(JmsHeaders.X_BROWSE_CREDIT);
        if (credit == null) {
            return BrowseCursor.UNLIMITED;
        }
        if (FieldValues.isIntegral(credit) && ((Number) credit).longValue() > 0) {
            return ((Number) credit).longValue();
        }
        throw new ProtocolException(ReplyCode.PRECONDITION_FAILED,
            "PRECONDITION_FAILED - " + JmsHeaders.X_BROWSE_CREDIT + " must be an integer of 1 or more, not " + credit);
    }

    /**
     * {@code basic.get}. When the answer waits for a page-in, the channel holds its later frames back
     * until get-ok or get-empty is written, so that the channel's methods keep their order.
     */
    private void get(AmqpBasic.Get get) throws ProtocolException {
        VirtualHost vhost = channel.host().virtualHost();
        MessageQueue queue = vhost.lookupQueue(channel.queueMethods().resolve(get.queue()), channel.host().owner());
        CompletableFuture<QueueEntry> result = queue.get();
        if (result.isDone()) {
            answerGet(queue, result.join(), get.noAck());
            return;
        }
        channel.holdFrames();
        FrameWriter writer = channel.host().writer();
        result.whenComplete((entry, failure) -> writer.execute(() -> {
            if (failure != null) {
                LOG.error("FP-H002 basic.get on {} failed; closing the channel", queue, failure);
                channel.closeWithError(ProtocolError.of(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - basic.get failed")
                    .at(AmqpBasic.CLASS_ID, get.methodId()));
            } else if (channel.isOpen()) {
                answerGet(queue, entry, get.noAck());
            } else if (entry != null) {
                queue.release(entry, false); // never delivered
            }
            writer.flushNow(); // the client waits for the answer
            channel.replayHeldFrames();
        }));
    }

    private void answerGet(MessageQueue queue, QueueEntry entry, boolean noAck) {
        if (entry == null) {
            channel.send(new AmqpBasic.GetEmpty(""));
        } else {
            deliveries.deliverGet(queue, entry, noAck);
        }
    }

    /** A complete {@code basic.publish} with its content. */
    void published(Content content) throws ProtocolException {
        AmqpBasic.Publish publish = (AmqpBasic.Publish) content.method();
        if (publish.immediate()) {
            throw new ProtocolException(ReplyCode.NOT_IMPLEMENTED, "NOT_IMPLEMENTED - immediate=true");
        }
        BasicProperties properties = content.properties();
        String userId = properties.userId();
        if (userId != null && !userId.equals(channel.host().user())) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, "PRECONDITION_FAILED - user_id property '"
                + userId + "' does not match the connection's user '" + channel.host().user() + "'");
        }
        Message.checkExpiration(properties);
        VirtualHost vhost = channel.host().virtualHost();
        Message message = Message.create(vhost.config().messageIds().next(), publish.exchange(),
            publish.routingKey(), properties, content.body(), System.currentTimeMillis(), channel.host().owner());
        message.cacheEncodedProperties(content.encodedProperties());
        if (!tx.transactional()) {
            long seq = tx.confirming() ? confirms.next() : 0;
            RouteResult result = vhost.publish(publish.exchange(), message);
            routed(publish, message, result, seq);
            if (vhost.config().memory().overLimit() && !result.queues().stream().allMatch(q -> q.canPageOut(message))) {
                channel.host().memoryAlarm();
            }
            return;
        }
        if (vhost.config().memory().overLimit()) {
            // held by the channel until commit
            channel.host().memoryAlarm();
        }
        vhost.checkPublishable(publish.exchange());
        tx.enlist(new TxMethods.TxAction() {
            @Override
            public void commit(TxCommit commit) {
                RouteResult result;
                try {
                    result = vhost.publish(publish.exchange(), message, commit.storeTransaction());
                } catch (ProtocolException e) {
                    // The exchange was deleted between publish and commit: the message is unroutable.
                    result = new RouteResult(List.of(), 0, false, CompletableFuture.completedFuture(null));
                }
                routed(publish, message, result, 0);
            }

            @Override
            public void rollback() {
            }
        });
    }

    /** Sends the mandatory return and the publisher confirm a routed message calls for. */
    private void routed(AmqpBasic.Publish publish, Message message, RouteResult result, long seq) {
        if (publish.mandatory() && !result.routed()) {
            deliveries.writeContent(new AmqpBasic.Return(ReplyCode.NO_ROUTE.code(), "NO_ROUTE",
                publish.exchange(), publish.routingKey()), message);
        }
        if (seq == 0) {
            return;
        }
        if (result.rejected()) {
            confirms.settle(seq, false);
        } else if (result.stored().isDone()) {
            confirms.settle(seq, !result.stored().isCompletedExceptionally());
        } else {
            FrameWriter writer = channel.host().writer();
            result.stored().whenComplete((ok, failure) -> writer.execute(() -> {
                if (confirms.settleStored(seq, failure == null)) {
                    writer.flushNow();
                }
            }));
        }
    }
}
