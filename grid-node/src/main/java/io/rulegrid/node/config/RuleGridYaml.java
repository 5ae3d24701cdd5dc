package io.rulegrid.node.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Binds {@code rulegrid.yaml} to {@link RuleGridConfig}, turning every Jackson error into one naming the file and the key. */
final class RuleGridYaml {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a namespace listed twice would otherwise silently lose its first options
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RuleGridYaml() {
    }

    static RuleGridConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
        // the parsed file, kept for the error path: a failed section is looked up in it, not parsed again
        JsonNode document = null;
        try {
            document = YAML.readTree(text);
            // a file with nothing but comments declares nothing
            if (document == null || document.isMissingNode() || document.isNull()) {
                return RuleGridConfig.empty();
            }
            return YAML.treeToValue(document, RuleGridConfig.class);
        } catch (ValueInstantiationException e) {
            refuseUnknownKey(file, document, e);
            if (e.getCause() instanceof InvalidConfigException invalid) {
                // a section's own check names its key relative to the section, e.g. postgres + pool-size
                String key = e.getPath().isEmpty() ? invalid.key() : keyPath(e) + "." + invalid.key();
                throw new InvalidConfigException(file.toString(), key, invalid.problem());
            }
            throw new InvalidConfigException(file.toString(), keyPath(e), e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigException(file.toString(), keyPath(e), unknownKey(e));
        } catch (JsonMappingException e) {
            throw new InvalidConfigException(file.toString(), keyPath(e), e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw new InvalidConfigException(file.toString(), lineAndColumn(e), "not valid YAML: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file.toString(), lineAndColumn(e), e.getOriginalMessage());
        }
    }

    /**
     * Jackson builds a section from its creator before it looks at the keys it did not know, so a section with a
     * misspelt key and a missing one would be reported as missing only: the unknown key, the likelier mistake,
     * is named first.
     */
    private static void refuseUnknownKey(Path file, JsonNode document, ValueInstantiationException e) {
        JsonNode section = document;
        for (JsonMappingException.Reference reference : e.getPath()) {
            section = reference.getFieldName() != null ? section.path(reference.getFieldName())
                    : section.path(reference.getIndex());
        }
        if (!section.isObject()) {
            return;
        }
        Set<String> known = new TreeSet<>();
        // the keys the section's creator takes, not the accessors a record also has
        YAML.getDeserializationConfig().introspect(e.getType()).findProperties().stream()
                .filter(property -> property.hasConstructorParameter() || property.hasSetter())
                .forEach(property -> known.add(property.getName()));
        for (Iterator<String> keys = section.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.isEmpty() && !known.contains(key)) {
                String where = e.getPath().isEmpty() ? "" : keyPath(e) + ".";
                throw new InvalidConfigException(file.toString(), where + key,
                        "unknown key; known keys here: " + String.join(", ", known));
            }
        }
    }

    /** An unknown key, with the keys known there; the old rulegrid.yaml's map settings get a pointer to where they went. */
    private static String unknownKey(UnrecognizedPropertyException e) {
        String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(String::valueOf)
                .sorted().collect(Collectors.joining(", "));
        String problem = known.isEmpty() ? "unknown key; no key is known here" : "unknown key; known keys here: " + known;
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.size() == 3 && "namespaces".equals(path.get(0).getFieldName())) {
            problem += "; map settings (in-memory-format, backup-count, indexes, TTL, eviction, ...) belong in"
                    + " hazelcast.yaml under map." + path.get(1).getFieldName();
        }
        return problem;
    }

    /** The key path of a binding error, {@code namespaces.products.persistent}, list items as {@code [i]}. */
    private static String keyPath(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                key.append('[').append(reference.getIndex()).append(']');
            }
        }
        return key.isEmpty() ? "(top level)" : key.toString();
    }

    private static String lineAndColumn(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "(top level)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
