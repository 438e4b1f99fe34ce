package org.fieldpost.protocol.method;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as an AMQP method: its class and method ids, its name as the spec writes it
 * ({@code "basic.publish"}), and whether content (a header frame and body frames) follows it.
 * Together with the {@link Field} annotations of its components this is the whole description
 * the codec works from.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MethodSpec {
    int classId();

    int methodId();

    String name();

    boolean hasContent() default false;
}
