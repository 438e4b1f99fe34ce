package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.Field;
import org.fieldpost.protocol.method.FieldType;
import org.fieldpost.protocol.method.MethodSpec;

/**
 * The codec of one method record, built once by reflection from its {@link MethodSpec} and
 * {@link Field} annotations: per argument its wire type and accessor, and the canonical
 * constructor. Encoding and decoding then run without any reflective lookup, calling those
 * through core reflection. Method handles would be faster per call, but building them for every
 * method of the protocol spun some 260 classes with the JDK's bytecode generator when the first
 * connection of a JVM encoded its first frame: 0.65 s of a cold start on two cores, and C2 then
 * compiled that generator for 0.7 s more, while the first messages ran. The methods every message
 * passes through never come here.
 *
 * <p>Bits are packed as spec section 4.2.5.2 says: consecutive {@code bit} arguments share an
 * octet, the first in the low bit; a ninth bit, or any non-bit argument, starts afresh.
 *
 * <p>The methods every message passes through have hand-written codecs ({@link MessageFlowCodecs})
 * that this class delegates to; the generic one stays the reference they are tested against.
 *
 * <p>Immutable and thread-safe.
 */
final class MethodDescriptor {
    /** Names a component must not have: they would override {@link AmqpMethod}'s type accessors. */
    private static final Set<String> RESERVED_NAMES = Set.of("spec", "classId", "methodId", "methodName", "hasContent");
    private static final int NO_BITS = 8;

    private final Class<? extends AmqpMethod> type;
    private final MethodSpec spec;
    private final String[] names;
    private final FieldType[] types;
    private final Method[] getters;
    private final Constructor<? extends AmqpMethod> constructor;
    /** The one instance of a method without arguments, which decoding then never allocates. */
    private final AmqpMethod constant;
    /** The hand-written codec of a method on every message's path, or null. */
    private final MessageFlowCodecs.ArgumentCodec direct;

    private MethodDescriptor(Class<? extends AmqpMethod> type, MethodSpec spec, String[] names, FieldType[] types,
        Method[] getters, Constructor<? extends AmqpMethod> constructor) {
        this.type = type;
        this.spec = spec;
        this.names = names;
        this.types = types;
        this.getters = getters;
        this.constructor = constructor;
        this.constant = names.length == 0 ? construct(new Object[0]) : null;
        this.direct = MessageFlowCodecs.of(type);
    }

    /**
     * Builds the codec of a method record.
     *
     * @throws IllegalArgumentException if the type is not a public record implementing
     *     {@link AmqpMethod} with a valid {@link MethodSpec}, or a component lacks {@link Field},
     *     has a Java type other than its field type's, or has a reserved name
     */
    static MethodDescriptor of(Class<? extends AmqpMethod> type) {
        MethodSpec spec = type.getAnnotation(MethodSpec.class);
        if (spec == null || !type.isRecord() || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " must be a public record annotated @MethodSpec");
        }
        if ((spec.classId() & ~0xFFFF) != 0 || (spec.methodId() & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(type.getName() + ": class and method ids must be 0..65535");
        }
        RecordComponent[] components = type.getRecordComponents();
        String[] names = new String[components.length];
        FieldType[] types = new FieldType[components.length];
        Method[] getters = new Method[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                names[i] = component.getName();
                types[i] = fieldType(type, component);
                parameterTypes[i] = component.getType();
                getters[i] = component.getAccessor();
            }
            Constructor<? extends AmqpMethod> canonical = type.getDeclaredConstructor(parameterTypes);
            if (!Modifier.isPublic(canonical.getModifiers())) {
                throw new NoSuchMethodException("the canonical constructor is not public");
            }
            return new MethodDescriptor(type, spec, names, types, getters, canonical);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + ": cannot reach accessors or canonical constructor", e);
        }
    }

    private static FieldType fieldType(Class<?> type, RecordComponent component) {
        Field field = component.getAnnotation(Field.class);
        String where = type.getName() + "." + component.getName();
        if (field == null) {
            throw new IllegalArgumentException(where + " has no @Field");
        }
        if (RESERVED_NAMES.contains(component.getName())) {
            throw new IllegalArgumentException(where + " would override AmqpMethod." + component.getName() + "()");
        }
        if (component.getType() != field.value().javaType()) {
            throw new IllegalArgumentException(where + " is " + component.getType().getSimpleName() + " but "
                + field.value() + " needs " + field.value().javaType().getSimpleName());
        }
        return field.value();
    }


    Class<? extends AmqpMethod> type() {
        return type;
    }

    MethodSpec spec() {
        return spec;
    }

    /**
     * Writes the arguments of {@code method} (an instance of {@link #type()}).
     *
     * @throws IllegalArgumentException if a value does not fit its wire type
     */
    void encodeArguments(AmqpMethod method, ByteBuf out) {
        if (direct != null) {
            direct.encode(method, out);
        } else {
            encodeGeneric(method, out);
        }
    }

    /** {@link #encodeArguments} driven by the field descriptions, whatever the method. */
    void encodeGeneric(AmqpMethod method, ByteBuf out) {
        int bits = 0;
        int bitCount = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == FieldType.BIT) {
                if (bitCount == NO_BITS) {
                    out.writeByte(bits);
                    bits = 0;
                    bitCount = 0;
                }
                if (getBoolean(i, method)) {
                    bits |= 1 << bitCount;
                }
                bitCount++;
                continue;
            }
            if (bitCount > 0) {
                out.writeByte(bits);
                bits = 0;
                bitCount = 0;
            }
            encodeArgument(i, method, out);
        }
        if (bitCount > 0) {
            out.writeByte(bits);
        }
    }

    private void encodeArgument(int i, AmqpMethod method, ByteBuf out) {
        switch (types[i]) {
            case OCTET:
                Wire.writeOctet(out, getInt(i, method), names[i]);
                break;
            case SHORT:
                Wire.writeShort(out, getInt(i, method), names[i]);
                break;
            case LONG:
                Wire.writeLong(out, getLong(i, method), names[i]);
                break;
            case LONGLONG:
            case TIMESTAMP:
                out.writeLong(getLong(i, method));
                break;
            case SHORTSTR:
                Wire.writeShortString(out, (String) get(i, method), names[i]);
                break;
            case LONGSTR:
                Wire.writeLongString(out, (byte[]) get(i, method));
                break;
            case TABLE:
                @SuppressWarnings("unchecked")
                Map<String, ?> table = (Map<String, ?>) get(i, method);
                FieldTables.writeTable(table, out);
                break;
            default:
                throw new IllegalStateException("unhandled field type " + types[i]);
        }
    }

    /**
     * Reads the arguments of this method from {@code in}, which is positioned after the method id.
     * Octets left over after the last argument are the caller's to check.
     *
     * @throws ProtocolException 502 SYNTAX_ERROR if an argument is truncated or malformed, carrying
     *     this method's class and method id
     */
    AmqpMethod decodeArguments(ByteBuf in) throws ProtocolException {
        if (constant != null) {
            return constant;
        }
        return direct != null ? direct.decode(in, this) : decodeGeneric(in);
    }

    /** {@link #decodeArguments} driven by the field descriptions, whatever the method. */
    AmqpMethod decodeGeneric(ByteBuf in) throws ProtocolException {
        Object[] arguments = new Object[types.length];
        int bits = 0;
        int bitIndex = NO_BITS;
        int i = 0;
        try {
            for (; i < types.length; i++) {
                if (types[i] == FieldType.BIT) {
                    if (bitIndex == NO_BITS) {
                        bits = Wire.readOctet(in);
                        bitIndex = 0;
                    }
                    arguments[i] = (bits & (1 << bitIndex++)) != 0;
                } else {
                    bitIndex = NO_BITS;
                    arguments[i] = decodeArgument(types[i], in);
                }
            }
        } catch (ProtocolException e) {
            throw argumentError(i, e);
        }
        try {
            return construct(arguments);
        } catch (RuntimeException e) {
            // Only a compact constructor that validates its arguments can throw here.
            throw error(ReplyCode.SYNTAX_ERROR, "invalid arguments: " + e.getMessage());
        }
    }

    private static Object decodeArgument(FieldType type, ByteBuf in) throws ProtocolException {
        switch (type) {
            case OCTET:
                return Wire.readOctet(in);
            case SHORT:
                return Wire.readShort(in);
            case LONG:
                return Wire.readLong(in);
            case LONGLONG:
            case TIMESTAMP:
                return Wire.readLongLong(in);
            case SHORTSTR:
                return Wire.readShortString(in);
            case LONGSTR:
                return Wire.readLongStringBytes(in);
            case TABLE:
                return FieldTables.readTable(in);
            default:
                throw new IllegalStateException("unhandled field type " + type);
        }
    }

    /** The error of argument {@code index} being malformed, attributed to this method. */
    ProtocolException argumentError(int index, ProtocolException e) {
        return error(e.error().code(), "argument " + names[index] + ": " + e.error().text());
    }

    /** An error attributed to this method. */
    ProtocolException error(ReplyCode code, String text) {
        return new ProtocolException(new ProtocolError(code, spec.name() + " " + text, spec.classId(),
            spec.methodId()));
    }

    private AmqpMethod construct(Object[] arguments) {
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw rethrown(e.getCause(), type.getName() + " constructor threw");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " constructor cannot be called", e);
        }
    }

    private boolean getBoolean(int i, AmqpMethod method) {
        return (Boolean) get(i, method);
    }

    private int getInt(int i, AmqpMethod method) {
        return (Integer) get(i, method);
    }

    private long getLong(int i, AmqpMethod method) {
        return (Long) get(i, method);
    }

    private Object get(int i, AmqpMethod method) {
        try {
            return getters[i].invoke(method);
        } catch (InvocationTargetException e) {
            throw rethrown(e.getCause(), type.getName() + "." + names[i] + "() threw");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + "." + names[i] + "() cannot be called", e);
        }
    }

    private static RuntimeException rethrown(Throwable cause, String what) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(what, cause);
    }
}
