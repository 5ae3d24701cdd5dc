package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.JsonObject;
import org.mvel2.integration.PropertyHandler;
import org.mvel2.integration.PropertyHandlerFactory;
import org.mvel2.integration.VariableResolverFactory;

import java.util.Collections;
import java.util.Map;

/**
 * Makes {@code customer.tier} read {@code null} when the nested object has no {@code tier}, as an absent
 * top-level field does. MVEL itself fails on a map without the key (and would first try bean getters such
 * as {@code isEmpty()} for {@code empty}); the handler is registered only for the JSON object types of
 * facts and {@code input}, so other maps in the JVM keep MVEL's behaviour.
 */
final class AbsentFieldsReadAsNull implements PropertyHandler {

    private AbsentFieldsReadAsNull() {
    }

    static void install() {
        AbsentFieldsReadAsNull handler = new AbsentFieldsReadAsNull();
        PropertyHandlerFactory.registerPropertyHandler(JsonObject.class, handler);
        PropertyHandlerFactory.registerPropertyHandler(Collections.unmodifiableMap(new JsonObject()).getClass(), handler);
    }

    @Override
    public Object getProperty(String name, Object contextObj, VariableResolverFactory variableFactory) {
        return ((Map<?, ?>) contextObj).get(name);
    }

    @Override
    public Object setProperty(String name, Object contextObj, VariableResolverFactory variableFactory, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) contextObj;
        map.put(name, value);
        return value;
    }
}
