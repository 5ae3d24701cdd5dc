package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.internal.engine.EvaluationScope;
import org.mvel2.compiler.AbstractParser;
import org.mvel2.integration.VariableResolver;
import org.mvel2.integration.VariableResolverFactory;

import java.util.Map;
import java.util.Set;

/**
 * How MVEL sees names during an evaluation: {@code fact}, {@code input} and {@code now} are the
 * evaluation's own; every other name is a top-level field of the fact, {@code null} when absent, and
 * assigning it sets the field (except MVEL's allowed class names such as {@code Math}, which a fact field
 * of that name cannot shadow; read such a field as {@code fact.Math}). Because every name resolves to a field, no name can resolve to a class
 * at run time (part of the sandbox). The function names are left unresolved so that MVEL calls them on
 * {@link RuleFunctions}.
 */
final class FactVariables implements VariableResolverFactory {

    private final EvaluationScope scope;
    private VariableResolverFactory next;

    FactVariables(EvaluationScope scope) {
        this.scope = scope;
    }

    @Override
    public VariableResolver getVariableResolver(String name) {
        return switch (name) {
            case "fact" -> new ReadOnly(name, scope.fact());
            case "input" -> new ReadOnly(name, scope.input());
            case "now" -> new ReadOnly(name, scope.now());
            default -> new Field(scope.fact(), name);
        };
    }

    /**
     * Every name but the functions and the class names MVEL still knows (those the sandbox allows, such as
     * {@code Math}): MVEL asks the variables before its class literals.
     */
    @Override
    public boolean isResolveable(String name) {
        return !Sandbox.FUNCTIONS.contains(name) && !AbstractParser.CLASS_LITERALS.containsKey(name);
    }

    @Override
    public boolean isTarget(String name) {
        return isResolveable(name);
    }

    @Override
    public VariableResolver createVariable(String name, Object value) {
        VariableResolver resolver = getVariableResolver(name);
        resolver.setValue(value);
        return resolver;
    }

    @Override
    public VariableResolver createVariable(String name, Object value, Class<?> type) {
        return createVariable(name, value);
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value) {
        return createVariable(name, value);
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value, Class<?> type) {
        return createVariable(name, value);
    }

    @Override
    public VariableResolver setIndexedVariableResolver(int index, VariableResolver variableResolver) {
        throw new UnsupportedOperationException("rule variables are not indexed");
    }

    @Override
    public VariableResolver getIndexedVariableResolver(int index) {
        throw new UnsupportedOperationException("rule variables are not indexed");
    }

    @Override
    public VariableResolverFactory getNextFactory() {
        return next;
    }

    @Override
    public VariableResolverFactory setNextFactory(VariableResolverFactory resolverFactory) {
        this.next = resolverFactory;
        return resolverFactory;
    }

    @Override
    public Set<String> getKnownVariables() {
        return scope.fact().keySet();
    }

    @Override
    public int variableIndexOf(String name) {
        return -1;
    }

    @Override
    public boolean isIndexedFactory() {
        return false;
    }

    @Override
    public boolean tiltFlag() {
        return false;
    }

    @Override
    public void setTiltFlag(boolean tilt) {
        // no tilt state: this factory has no parent scopes to unwind
    }

    /** A named, dynamically typed variable. */
    private abstract static class NamedVariable implements VariableResolver {
        private final String name;

        NamedVariable(String name) {
            this.name = name;
        }

        @Override
        public final String getName() {
            return name;
        }

        @Override
        public final Class<?> getType() {
            return Object.class;
        }

        @Override
        @SuppressWarnings("rawtypes")  // MVEL's interface declares the raw type
        public final void setStaticType(Class type) {
            // fields and the evaluation's own values are dynamically typed JSON values
        }

        @Override
        public final int getFlags() {
            return 0;
        }
    }

    /** A top-level field of the fact. */
    private static final class Field extends NamedVariable {
        private final Map<String, Object> fact;

        Field(Map<String, Object> fact, String name) {
            super(name);
            this.fact = fact;
        }

        @Override
        public Object getValue() {
            return fact.get(getName());
        }

        @Override
        public void setValue(Object value) {
            fact.put(getName(), value);
        }
    }

    /** {@code fact}, {@code input} or {@code now}: they cannot be reassigned. */
    private static final class ReadOnly extends NamedVariable {
        private final Object value;

        ReadOnly(String name, Object value) {
            super(name);
            this.value = value;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public void setValue(Object newValue) {
            throw new UnsupportedOperationException(getName() + " is read-only");
        }
    }
}
