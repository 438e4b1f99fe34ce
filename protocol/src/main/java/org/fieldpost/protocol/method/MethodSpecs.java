package org.fieldpost.protocol.method;

/**
 * Caches each method type's {@link MethodSpec} so that {@link AmqpMethod#spec()} costs a
 * {@link ClassValue} lookup instead of an annotation lookup on every call.
 */
final class MethodSpecs {
    private static final ClassValue<MethodSpec> SPECS = new ClassValue<>() {
        @Override
        protected MethodSpec computeValue(Class<?> type) {
            MethodSpec spec = type.getAnnotation(MethodSpec.class);
            if (spec == null) {
                throw new IllegalStateException(type.getName() + " implements AmqpMethod but has no @MethodSpec");
            }
            return spec;
        }
    };

    private MethodSpecs() {
    }

    static MethodSpec of(Class<?> type) {
        return SPECS.get(type);
    }
}
