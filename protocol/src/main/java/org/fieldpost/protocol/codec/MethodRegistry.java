package org.fieldpost.protocol.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpChannel;
import org.fieldpost.protocol.method.AmqpConfirm;
import org.fieldpost.protocol.method.AmqpConnection;
import org.fieldpost.protocol.method.AmqpExchange;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;
import org.fieldpost.protocol.method.AmqpTx;
import org.fieldpost.protocol.method.MethodSpec;

/**
 * The one list of the AMQP classes this codec speaks, and lookup of their methods by id or type.
 *
 * <p>Each entry of {@link #AMQP_CLASSES} is a holder class whose nested records annotated with
 * {@link MethodSpec} are its methods; adding an AMQP class (an extension) is adding its holder
 * here. Every record's codec is built and checked once, when this class initializes, so a
 * malformed description fails at startup rather than on the wire.
 *
 * <p>Thread-safe: immutable after class initialization.
 */
public final class MethodRegistry {
    /** The holder classes, one per AMQP class, in class-id order. */
    private static final List<Class<?>> AMQP_CLASSES = List.of(
        AmqpConnection.class,
        AmqpChannel.class,
        AmqpExchange.class,
        AmqpQueue.class,
        AmqpBasic.class,
        AmqpConfirm.class,
        AmqpTx.class);

    /** Descriptors indexed by class id, then method id; sparse, small (ids are below 200). */
    private static final MethodDescriptor[][] BY_ID;
    private static final Map<Class<?>, MethodDescriptor> BY_TYPE;
    private static final List<Class<? extends AmqpMethod>> TYPES;

    static {
        List<MethodDescriptor> descriptors = new ArrayList<>();
        for (Class<?> holder : AMQP_CLASSES) {
            descriptors.addAll(methodsOf(holder));
        }
        descriptors.sort(Comparator.comparingInt((MethodDescriptor d) -> d.spec().classId())
            .thenComparingInt(d -> d.spec().methodId()));
        BY_ID = index(descriptors);
        Map<Class<?>, MethodDescriptor> byType = new HashMap<>();
        List<Class<? extends AmqpMethod>> types = new ArrayList<>();
        for (MethodDescriptor d : descriptors) {
            byType.put(d.type(), d);
            types.add(d.type());
        }
        BY_TYPE = Map.copyOf(byType);
        TYPES = List.copyOf(types);
    }

    private MethodRegistry() {
    }

    /** The descriptors of a holder's nested method records, which must all share one class id. */
    private static List<MethodDescriptor> methodsOf(Class<?> holder) {
        List<MethodDescriptor> methods = new ArrayList<>();
        for (Class<?> nested : holder.getDeclaredClasses()) {
            if (AmqpMethod.class.isAssignableFrom(nested)) {
                methods.add(MethodDescriptor.of(nested.asSubclass(AmqpMethod.class)));
            }
        }
        if (methods.isEmpty() || methods.stream().mapToInt(d -> d.spec().classId()).distinct().count() != 1) {
            throw new IllegalStateException(holder.getName() + " must hold the methods of exactly one AMQP class");
        }
        return methods;
    }

    private static MethodDescriptor[][] index(List<MethodDescriptor> descriptors) {
        int maxClassId = descriptors.stream().mapToInt(d -> d.spec().classId()).max().orElse(0);
        MethodDescriptor[][] byId = new MethodDescriptor[maxClassId + 1][];
        for (MethodDescriptor d : descriptors) {
            int classId = d.spec().classId();
            int methodId = d.spec().methodId();
            MethodDescriptor[] methods = byId[classId];
            if (methods == null) {
                methods = new MethodDescriptor[methodId + 1];
            } else if (methods.length <= methodId) {
                methods = Arrays.copyOf(methods, methodId + 1);
            } else if (methods[methodId] != null) {
                throw new IllegalStateException(d.type().getName() + " and " + methods[methodId].type().getName()
                    + " both claim class " + classId + " method " + methodId);
            }
            methods[methodId] = d;
            byId[classId] = methods;
        }
        return byId;
    }

    /** Every registered method type, ordered by class id and then method id. */
    public static List<Class<? extends AmqpMethod>> methodTypes() {
        return TYPES;
    }

    /** The method type with these ids, or {@code null} if none is registered. */
    public static Class<? extends AmqpMethod> methodType(int classId, int methodId) {
        MethodDescriptor d = descriptor(classId, methodId);
        return d == null ? null : d.type();
    }

    /** Whether {@code type} is a registered method type (so {@link MethodCodec} can encode it). */
    public static boolean isRegistered(Class<?> type) {
        return BY_TYPE.containsKey(type);
    }

    static MethodDescriptor descriptor(int classId, int methodId) {
        if (classId < 0 || classId >= BY_ID.length || methodId < 0) {
            return null;
        }
        MethodDescriptor[] methods = BY_ID[classId];
        return methods == null || methodId >= methods.length ? null : methods[methodId];
    }

    static MethodDescriptor descriptor(Class<?> type) {
        return BY_TYPE.get(type);
    }
}
