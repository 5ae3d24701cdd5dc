package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves {@link PostgresService} and {@link PostgresDatabase} parameters for a class annotated with
 * {@link WithPostgres}. The shared service lives in the root store, so there is one per test JVM, and JUnit closes
 * it when the tests end; a class's own service and its database live in that class's store.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    // keys of their own for the shared service and for each class's service and database: a store answers with its
    // parents' values, so a class, or a nested one, would otherwise get the shared service or its outer class's
    private static final String SHARED_SERVICE = "shared service";
    private static final int MAX_DATABASE_NAME = 63;
    // database names must differ on the shared server even where class names, cut to fit, would not
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PostgresService.class || type == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext annotated = AnnotatedClassContext.of(context, WithPostgres.class, PostgresExtension.class);
        PostgresService service = service(annotated);
        if (parameter.getParameter().getType() == PostgresService.class) {
            return service;
        }
        Class<?> testClass = annotated.getRequiredTestClass();
        return annotated.getStore(NAMESPACE).getOrComputeIfAbsent("database of " + testClass.getName(),
                key -> service.createDatabase(databaseName(testClass)), PostgresDatabase.class);
    }

    private static PostgresService service(ExtensionContext annotated) {
        Class<?> testClass = annotated.getRequiredTestClass();
        boolean shared = testClass.getAnnotation(WithPostgres.class).shared();
        ExtensionContext owner = shared ? annotated.getRoot() : annotated;
        String key = shared ? SHARED_SERVICE : "service of " + testClass.getName();
        // PostgresService is AutoCloseable: JUnit closes it with the store
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> PostgresService.start(), PostgresService.class);
    }

    private static String databaseName(Class<?> testClass) {
        String name = "test_" + DATABASES.incrementAndGet() + "_"
                + testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() <= MAX_DATABASE_NAME ? name : name.substring(0, MAX_DATABASE_NAME);
    }
}
