package org.fieldpost.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * Fieldpost's connection factory, for queues and topics alike, configured by one URL:
 * {@code amqp://user:pass@host:port/vhost?options}, {@code amqps://...} or {@code vm://NAME?data=DIR}.
 *
 * <p>URL options: {@code clientId} (an administratively configured client id), {@code prefetch}
 * (messages per consumer, default 1000), {@code heartbeat} (seconds; default: the broker's proposal),
 * {@code connectTimeout} and {@code closeTimeout} (milliseconds), {@code sendTimeout} (milliseconds, default 0 =
 * no limit: the longest a send waits while the broker blocks the connection, after which it throws and the
 * message is not sent, plus the wait for a persistent send's confirm),
 * and for {@code amqps}: {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType} (default: the
 * JVM's trust), {@code keyStore}, {@code keyStorePassword}, {@code keyStoreType} (a client certificate) and
 * {@code verifyHost} (default {@code true}: the broker's certificate must name the URL's host).
 *
 * <p>Credentials: the URL's user and password (default {@code guest/guest}); the
 * {@code createConnection(user, password)} variants override them.
 *
 * <p>Concurrency: thread-safe once configured; the setters exist for application servers and JNDI.
 */
public class FieldpostConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
    Referenceable, Serializable {
    private static final long serialVersionUID = 1L;

    /** The JNDI reference address holding the URL. */
    public static final String REF_URL = "url";

    private volatile String url;

    /** A factory for {@code amqp://localhost}; set the URL with {@link #setUrl(String)}. */
    public FieldpostConnectionFactory() {
        this("amqp://localhost");
    }

    /**
     * A factory for {@code url}.
     *
     * @throws IllegalArgumentException if the URL is malformed
     */
    public FieldpostConnectionFactory(String url) {
        setUrl(url);
    }

    public String getUrl() {
        return url;
    }

    /**
     * Sets the URL.
     *
     * @throws IllegalArgumentException if it is malformed
     */
    public void setUrl(String url) {
        ConnectionUrl.parse(url);
        this.url = url;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connect(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connect(Objects.requireNonNullElse(userName, ""), password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connect(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connect(Objects.requireNonNullElse(userName, ""), password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connect(null, null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return connect(Objects.requireNonNullElse(userName, ""), password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(null, null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        JmsContext.checkSessionMode(sessionMode);
        try {
            JmsConnection connection = connect(userName, password);
            return new JmsContext(connection, sessionMode, new java.util.concurrent.atomic.AtomicInteger(1));
        } catch (JMSException e) {
            throw JmsExceptionSupport.toRuntime(e);
        } catch (JMSRuntimeException e) {
            throw e;
        }
    }

    /** Opens a connection: resolves the address (starting an in-VM broker for vm://), connects, logs in. */
    JmsConnection connect(String user, String password) throws JMSException {
        ConnectionUrl parsed = ConnectionUrl.parse(url);
        ConnectionSettings settings;
        try {
            settings = ConnectionSettings.of(parsed, user, password);
        } catch (IllegalArgumentException e) {
            throw JmsExceptionSupport.withCause(new JMSException(e.getMessage()), e);
        }
        return JmsConnection.open(settings);
    }

    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(),
            "org.fieldpost.jms.jndi.FieldpostObjectFactory", null);
        reference.add(new StringRefAddr(REF_URL, url));
        return reference;
    }

    @Override
    public String toString() {
        return "FieldpostConnectionFactory[" + ConnectionUrl.parse(url) + "]";
    }
}
