package org.fieldpost.protocol.method;

/**
 * An AMQP method as a typed, immutable value. Every implementation is a record annotated with
 * {@link MethodSpec} whose components carry {@link Field} annotations, and is listed in
 * {@code MethodRegistry}.
 */
public interface AmqpMethod {

    /** The spec description of this method's type. */
    default MethodSpec spec() {
        return getClass().getAnnotation(MethodSpec.class);
    }

    default int classId() {
        return spec().classId();
    }

    default int methodId() {
        return spec().methodId();
    }

    /** The method's name as the spec writes it, e.g. {@code "basic.publish"}. */
    default String methodName() {
        return spec().name();
    }

    /** Whether a content header and body follow this method on its channel. */
    default boolean hasContent() {
        return spec().hasContent();
    }
}
