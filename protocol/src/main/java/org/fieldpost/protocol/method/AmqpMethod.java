package org.fieldpost.protocol.method;

/**
 * An AMQP method as a typed, immutable value. Every implementation is a record annotated with
 * {@link MethodSpec} whose components carry {@link Field} annotations, and is listed in
 * {@code MethodRegistry}.
 *
 * <p>The accessors below describe the method's <em>type</em>, so record components must not be
 * named {@code spec}, {@code classId}, {@code methodId}, {@code methodName} or {@code hasContent}
 * (the registry rejects such records); this is why {@code connection.close}'s {@code class-id}
 * argument is called {@code failingClassId}.
 */
public interface AmqpMethod {

    /**
     * The spec description of this method's type (cached per class).
     *
     * @throws IllegalStateException if the implementing class lacks {@link MethodSpec}
     */
    default MethodSpec spec() {
        return MethodSpecs.of(getClass()).spec();
    }

    /** The AMQP class id, e.g. 60 for {@code basic}. */
    default int classId() {
        return MethodSpecs.of(getClass()).classId();
    }

    /** The method id within the class, e.g. 40 for {@code basic.publish}. */
    default int methodId() {
        return MethodSpecs.of(getClass()).methodId();
    }

    /** The method's name as the spec writes it, e.g. {@code "basic.publish"}. */
    default String methodName() {
        return MethodSpecs.of(getClass()).name();
    }

    /** Whether a content header and body follow this method on its channel. */
    default boolean hasContent() {
        return MethodSpecs.of(getClass()).hasContent();
    }
}
