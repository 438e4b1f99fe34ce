package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpConnection;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;
import org.fieldpost.protocol.method.MethodSpec;
import org.junit.jupiter.api.Test;

class MethodRegistryTest {

    /** Every method of AMQP 0-9-1 plus RabbitMQ's extensions, as "class.method" ids. */
    private static final List<String> EXPECTED_IDS = List.of(
        "10.10", "10.11", "10.20", "10.21", "10.30", "10.31", "10.40", "10.41", "10.50", "10.51",
        "10.60", "10.61", "10.70", "10.71",
        "20.10", "20.11", "20.20", "20.21", "20.40", "20.41",
        "40.10", "40.11", "40.20", "40.21", "40.30", "40.31", "40.40", "40.51",
        "50.10", "50.11", "50.20", "50.21", "50.30", "50.31", "50.40", "50.41", "50.50", "50.51",
        "60.10", "60.11", "60.20", "60.21", "60.30", "60.31", "60.40", "60.50", "60.60", "60.70", "60.71",
        "60.72", "60.80", "60.90", "60.100", "60.110", "60.111", "60.120", "60.200",
        "85.10", "85.11",
        "90.10", "90.11", "90.20", "90.21", "90.30", "90.31");

    @Test
    void registersEveryMethodOfTheSpecRabbitMqExtensionsAndBasicCreditInIdOrder() {
        List<String> ids = MethodRegistry.methodTypes().stream()
            .map(t -> t.getAnnotation(MethodSpec.class))
            .map(s -> s.classId() + "." + s.methodId())
            .collect(Collectors.toList());

        assertThat(ids).isEqualTo(EXPECTED_IDS);
    }

    @Test
    void looksUpByIdsAndType() {
        assertThat(MethodRegistry.methodType(60, 40)).isEqualTo(AmqpBasic.Publish.class);
        assertThat(MethodRegistry.methodType(50, 10)).isEqualTo(AmqpQueue.Declare.class);
        assertThat(MethodRegistry.methodType(60, 41)).isNull();
        assertThat(MethodRegistry.methodType(99, 10)).isNull();
        assertThat(MethodRegistry.methodType(-1, -1)).isNull();
        assertThat(MethodRegistry.methodType(65_535, 65_535)).isNull();
        assertThat(MethodRegistry.isRegistered(AmqpConnection.Close.class)).isTrue();
        assertThat(MethodRegistry.isRegistered(String.class)).isFalse();
    }

    @Test
    void exactlyPublishReturnDeliverAndGetOkCarryContent() {
        List<Class<? extends AmqpMethod>> withContent = MethodRegistry.methodTypes().stream()
            .filter(t -> t.getAnnotation(MethodSpec.class).hasContent())
            .collect(Collectors.toList());

        assertThat(withContent).containsExactly(
            AmqpBasic.Publish.class, AmqpBasic.Return.class, AmqpBasic.Deliver.class, AmqpBasic.GetOk.class);
    }

    @Test
    void methodNamesFollowTheSpecAndTheHolderClass() {
        for (Class<? extends AmqpMethod> type : MethodRegistry.methodTypes()) {
            AmqpMethod method = SampleMethods.sample(type);
            String className = method.methodName().substring(0, method.methodName().indexOf('.'));

            assertThat(type.getEnclosingClass().getSimpleName().toLowerCase())
                .as(method.methodName())
                .isEqualTo("amqp" + className);
            assertThat(method.methodName()).matches("[a-z]+\\.[a-z]+(-[a-z]+)*");
        }
    }

    @Test
    void specAccessorsDescribeTheTypeNotTheArguments() {
        AmqpMethod close = new AmqpConnection.Close(320, "forced", 60, 40);

        assertThat(close.classId()).isEqualTo(10);
        assertThat(close.methodId()).isEqualTo(50);
        assertThat(close.methodName()).isEqualTo("connection.close");
        assertThat(close.hasContent()).isFalse();
        assertThat(close.spec()).isSameAs(close.spec());
    }
}
