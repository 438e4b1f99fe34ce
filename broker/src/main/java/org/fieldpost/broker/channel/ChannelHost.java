package org.fieldpost.broker.channel;

import java.util.concurrent.ScheduledExecutorService;
import org.fieldpost.broker.transport.FrameWriter;
import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.protocol.frame.Frame;

/**
 * What a channel needs from its connection.
 *
 * <p>Concurrency: called on the connection's event loop only.
 */
public interface ChannelHost {

    /** Writes frames to the client. */
    FrameWriter writer();

    /** The virtual host the connection opened. */
    VirtualHost virtualHost();

    /** The identity that owns exclusive queues and is compared for no-local: the connection. */
    Object owner();

    /** The authenticated user name. */
    String user();

    /** The largest message body the broker accepts. */
    long maxBodySize();

    /** The channel has finished closing; its number may be reused. */
    void channelClosed(int number);

    /**
     * Handles a frame a channel held back ({@link ServerChannel#holdFrames()}) as if it had just
     * arrived: its errors close the channel or the connection as usual.
     */
    void replay(Frame frame);

    /**
     * A channel starts ({@code true}) or ends holding its frames back: the connection does not read
     * from the socket while any channel holds.
     */
    void holdReading(boolean hold);

    /** A shared timer for deadlines. */
    ScheduledExecutorService timer();

    /**
     * A publish just kept a message in memory while the broker is over its memory limit: block this
     * connection's publishing until memory is available again ({@code connection.blocked}).
     */
    default void memoryAlarm() {
    }
}
