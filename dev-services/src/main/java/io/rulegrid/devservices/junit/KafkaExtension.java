package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.KafkaService;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaService} parameters for a class annotated with {@link WithKafka}. The shared broker lives
 * in the root store, so there is one per test JVM, and JUnit closes it when the tests end; a class's own broker
 * lives in that class's store and is closed after the class.
 */
public final class KafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    // a key of its own for the shared broker and for each class's: a store answers with its parents' values, so a
    // class, or a nested one, would otherwise get the shared broker or its outer class's
    private static final String SHARED_SERVICE = "shared service";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaService.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext annotated = AnnotatedClassContext.of(context, WithKafka.class, KafkaExtension.class);
        Class<?> testClass = annotated.getRequiredTestClass();
        boolean shared = testClass.getAnnotation(WithKafka.class).shared();
        ExtensionContext owner = shared ? annotated.getRoot() : annotated;
        String key = shared ? SHARED_SERVICE : "service of " + testClass.getName();
        // KafkaService is AutoCloseable: JUnit closes it with the store
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> KafkaService.start(), KafkaService.class);
    }
}
