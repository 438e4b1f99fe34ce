package org.fieldpost.protocol.method;

/**
 * Caches each method type's {@link MethodSpec} values so that {@link AmqpMethod#classId()} and its
 * siblings cost a {@link ClassValue} lookup and a field read. Reading the annotation itself on every
 * call would not do: annotation members are answered by a reflective proxy, which showed up in the
 * profile of every frame encoded and decoded.
 */
final class MethodSpecs {
    private static final ClassValue<Values> VALUES = new ClassValue<>() {
        @Override
        protected Values computeValue(Class<?> type) {
            MethodSpec spec = type.getAnnotation(MethodSpec.class);
            if (spec == null) {
                throw new IllegalStateException(type.getName() + " implements AmqpMethod but has no @MethodSpec");
            }
            return new Values(spec, spec.classId(), spec.methodId(), spec.name(), spec.hasContent());
        }
    };

    private MethodSpecs() {
    }

    static Values of(Class<?> type) {
        return VALUES.get(type);
    }

    /** A method type's annotation and its values, read once. */
    record Values(MethodSpec spec, int classId, int methodId, String name, boolean hasContent) {
    }
}
