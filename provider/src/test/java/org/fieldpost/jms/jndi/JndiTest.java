package org.fieldpost.jms.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import java.util.Collections;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;
import org.fieldpost.jms.BrokerExtension;
import org.fieldpost.jms.FieldpostConnectionFactory;
import org.fieldpost.jms.FieldpostTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JndiTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Context context() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, FieldpostInitialContextFactory.class.getName());
        env.put("connectionFactory.MyQueueConnectionFactory", broker.url());
        env.put("connectionFactory.DURABLE_SUB_CONNECTION_FACTORY", broker.url("clientId=cts"));
        env.put("queue.MY_QUEUE", "jndi.queue");
        env.put("topic.MY_TOPIC", "jndi.topic");
        env.put("topic.BROADCAST", "fanout://jndi.broadcast");
        return new InitialContext(env);
    }

    @Test
    void looksUpFactoriesAndDestinations() throws Exception {
        Context context = context();
        QueueConnectionFactory factory = (QueueConnectionFactory) context.lookup("MyQueueConnectionFactory");
        assertThat(((Queue) context.lookup("MY_QUEUE")).getQueueName()).isEqualTo("jndi.queue");
        assertThat(((Topic) context.lookup("MY_TOPIC")).getTopicName()).isEqualTo("jndi.topic");
        assertThat(((FieldpostTopic) context.lookup("BROADCAST")).isFanout()).isTrue();
        try (Connection connection = factory.createQueueConnection()) {
            assertThat(connection.getClientID()).isNull();
        }
        try (Connection connection = ((ConnectionFactory) context.lookup("DURABLE_SUB_CONNECTION_FACTORY"))
            .createConnection()) {
            assertThat(connection.getClientID()).isEqualTo("cts");
        }
        assertThat(Collections.list(context.list(""))).hasSize(5);
    }

    @Test
    void unknownNamesAndChangesFail() throws Exception {
        Context context = context();
        assertThatThrownBy(() -> context.lookup("nope")).isInstanceOf(NameNotFoundException.class);
        assertThatThrownBy(() -> context.bind("x", "y")).isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void connectionFactoryReferenceRoundTrips() throws Exception {
        FieldpostConnectionFactory factory = broker.factory();
        Reference reference = factory.getReference();
        Object back = new FieldpostObjectFactory().getObjectInstance(reference, null, null, null);
        assertThat(back).isInstanceOf(FieldpostConnectionFactory.class);
        assertThat(((FieldpostConnectionFactory) back).getUrl()).isEqualTo(factory.getUrl());
    }
}
