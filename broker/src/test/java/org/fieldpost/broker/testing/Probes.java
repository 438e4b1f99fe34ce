package org.fieldpost.broker.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Existence checks with passive declares on a throw-away channel, so that the 404 they provoke never
 * closes a channel the test is using.
 */
public final class Probes {

    private Probes() {
    }

    /**
     * True if {@code queue} exists: queue.declare passive answers declare-ok, or 405 RESOURCE_LOCKED
     * (the queue is exclusive to another connection); false on 404.
     */
    public static boolean queueExists(Connection connection, String queue) throws IOException, TimeoutException {
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(queue);
            probe.close();
            return true;
        } catch (IOException e) {
            return isLocked(e) || expectNotFound(e);
        }
    }

    /**
     * True if {@code exchange} exists: exchange.declare passive answers declare-ok, or 405
     * RESOURCE_LOCKED (the exchange is exclusive to another connection); false on 404.
     */
    public static boolean exchangeExists(Connection connection, String exchange)
            throws IOException, TimeoutException {
        Channel probe = connection.createChannel();
        try {
            probe.exchangeDeclarePassive(exchange);
            probe.close();
            return true;
        } catch (IOException e) {
            return isLocked(e) || expectNotFound(e);
        }
    }

    private static boolean isLocked(IOException e) {
        return ProtocolErrors.shutdownSignal(e) != null && ProtocolErrors.replyCode(e) == ReplyCodes.RESOURCE_LOCKED;
    }

    private static boolean expectNotFound(IOException e) throws IOException {
        if (ProtocolErrors.shutdownSignal(e) != null && ProtocolErrors.replyCode(e) == ReplyCodes.NOT_FOUND) {
            return false;
        }
        throw e;
    }
}
