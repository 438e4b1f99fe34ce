package org.fieldpost.jms.jndi;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.fieldpost.jms.FieldpostConnectionFactory;
import org.fieldpost.jms.FieldpostQueue;
import org.fieldpost.jms.FieldpostTopic;

/**
 * {@code java.naming.factory.initial=org.fieldpost.jms.jndi.FieldpostInitialContextFactory}: a
 * read-only in-memory context built from the environment and from {@code jndi.properties} (which
 * {@code InitialContext} merges into the environment), with the entries
 * <ul>
 *   <li>{@code connectionFactory.NAME=URL} — a {@link FieldpostConnectionFactory};</li>
 *   <li>{@code queue.NAME=PHYSICAL} — a {@link FieldpostQueue};</li>
 *   <li>{@code topic.NAME=PHYSICAL} — a {@link FieldpostTopic}; {@code topic.NAME=fanout://PHYSICAL} a
 *       broadcast topic.</li>
 * </ul>
 * {@code xaConnectionFactory.NAME} is reserved for the XA factory, which does not exist yet: such an
 * entry fails with a {@link NamingException}. Without any {@code connectionFactory.*} entry, the names
 * {@code ConnectionFactory}, {@code QueueConnectionFactory} and {@code TopicConnectionFactory} are bound
 * to a factory for {@code java.naming.provider.url} (default {@code amqp://localhost}).
 *
 * <p>Concurrency: the factory is stateless; contexts are immutable.
 */
public class FieldpostInitialContextFactory implements InitialContextFactory {
    static final String CONNECTION_FACTORY = "connectionFactory.";
    static final String XA_CONNECTION_FACTORY = "xaConnectionFactory.";
    static final String QUEUE = "queue.";
    static final String TOPIC = "topic.";
    static final String FANOUT = "fanout://";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Map<String, String> entries = new HashMap<>();
        loadResourceIfAbsent(environment, entries);
        if (environment != null) {
            environment.forEach((k, v) -> entries.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<String, Object> bindings = new HashMap<>();
        boolean anyFactory = false;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            if (key.startsWith(CONNECTION_FACTORY)) {
                bindings.put(key.substring(CONNECTION_FACTORY.length()), factory(key, value));
                anyFactory = true;
            } else if (key.startsWith(XA_CONNECTION_FACTORY)) {
                throw new NamingException(key + ": XA connection factories are not available yet");
            } else if (key.startsWith(QUEUE)) {
                bindings.put(key.substring(QUEUE.length()), new FieldpostQueue(value));
            } else if (key.startsWith(TOPIC)) {
                bindings.put(key.substring(TOPIC.length()), value.startsWith(FANOUT)
                    ? FieldpostTopic.fanout(value.substring(FANOUT.length())) : new FieldpostTopic(value));
            }
        }
        if (!anyFactory) {
            String url = entries.getOrDefault(Context.PROVIDER_URL, "amqp://localhost");
            FieldpostConnectionFactory factory = factory(Context.PROVIDER_URL, url);
            for (String name : new String[] {"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory"}) {
                bindings.put(name, factory);
            }
        }
        return new ReadOnlyContext(bindings, environment);
    }

    private static FieldpostConnectionFactory factory(String key, String url) throws NamingException {
        try {
            return new FieldpostConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            NamingException naming = new NamingException(key + ": " + e.getMessage());
            naming.setRootCause(e);
            throw naming;
        }
    }

    /** {@code jndi.properties} from the class path, for callers that pass a bare Hashtable. */
    private static void loadResourceIfAbsent(Hashtable<?, ?> environment, Map<String, String> entries)
        throws NamingException {
        if (environment != null && environment.keySet().stream().map(String::valueOf).anyMatch(k ->
            k.startsWith(CONNECTION_FACTORY) || k.startsWith(QUEUE) || k.startsWith(TOPIC))) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream("jndi.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                properties.forEach((k, v) -> entries.put(String.valueOf(k), String.valueOf(v)));
            }
        } catch (IOException e) {
            NamingException naming = new NamingException("cannot read jndi.properties: " + e.getMessage());
            naming.setRootCause(e);
            throw naming;
        }
    }
}
