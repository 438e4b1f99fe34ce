package org.fieldpost.broker.connection;

import java.nio.charset.StandardCharsets;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.frame.FrameType;
import org.fieldpost.protocol.method.AmqpConnection;

/** The server's side of connection negotiation (spec section 2.2.4 and the tune rules of 1.4.2). */
final class Handshake {
    private static final byte[] LOCALES = "en_US".getBytes(StandardCharsets.US_ASCII);

    private Handshake() {
    }

    static AmqpConnection.Start start(BrokerSettings settings) {
        return new AmqpConnection.Start(0, 9, ServerProperties.create(settings.version()),
            SaslResponse.MECHANISMS.getBytes(StandardCharsets.US_ASCII), LOCALES);
    }

    static AmqpConnection.Tune tune(BrokerSettings settings) {
        return new AmqpConnection.Tune(settings.channelMax(), settings.frameMax(), settings.heartbeatSeconds());
    }

    /** The client's channel-max, where 0 means "no limit of its own", capped at the server's. */
    static int negotiateChannelMax(int client, int server) {
        return client == 0 ? server : Math.min(client, server);
    }

    /**
     * The client's frame-max, where 0 means "no limit of its own", capped at the server's.
     *
     * @throws ProtocolException 530 NOT_ALLOWED below the spec's minimum frame size
     */
    static long negotiateFrameMax(long client, long server) throws ProtocolException {
        if (client != 0 && client < FrameType.FRAME_MIN_SIZE) {
            throw new ProtocolException(ReplyCode.NOT_ALLOWED, "NOT_ALLOWED - frame-max " + client
                + " below the minimum " + FrameType.FRAME_MIN_SIZE);
        }
        return client == 0 ? server : Math.min(client, server);
    }
}
