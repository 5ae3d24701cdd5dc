package io.rulegrid.devservices.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.Annotation;

/** Where an extension of a service annotation keeps what a class asked for: the context of the annotated class. */
final class AnnotatedClassContext {

    private AnnotatedClassContext() {
    }

    /**
     * The context of the class that carries {@code annotation}, the test class or the nearest one enclosing it: a
     * nested class without the annotation gets its outer class's service.
     *
     * @throws ExtensionConfigurationException if no class of {@code context} carries it
     */
    static ExtensionContext of(ExtensionContext context, Class<? extends Annotation> annotation,
            Class<?> extension) {
        for (ExtensionContext current = context; current.getParent().isPresent();
                current = current.getParent().get()) {
            boolean annotated = current.getTestMethod().isEmpty()
                    && current.getTestClass().filter(type -> type.isAnnotationPresent(annotation)).isPresent();
            if (annotated) {
                return current;
            }
        }
        throw new ExtensionConfigurationException(extension.getSimpleName() + " serves classes annotated with @"
                + annotation.getSimpleName() + ", and " + context.getRequiredTestClass().getName() + " is not");
    }
}
