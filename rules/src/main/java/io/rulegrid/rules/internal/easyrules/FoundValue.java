package io.rulegrid.rules.internal.easyrules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;

/** Describes the value at the parser's current token for "…, found X" error messages. */
final class FoundValue {

    private FoundValue() {
    }

    /**
     * Jackson does not resolve YAML aliases ({@code *name}); it reports them as a string holding the
     * anchor's name, which must not be taken for the value itself.
     */
    static boolean isAlias(JsonParser parser) {
        return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }

    /** A non-blank string that is not an alias: the only thing a name, condition or action can be. */
    static boolean isText(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING && !isAlias(parser)
                && !parser.getText().isBlank();
    }

    /** What the current value is, e.g. "a list" or "the number 1.5". */
    static String describe(JsonParser parser) throws IOException {
        if (isAlias(parser)) {
            return "the alias *" + parser.getText() + " (aliases are not supported)";
        }
        return switch (parser.currentToken()) {
            case START_OBJECT -> "a map";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> parser.getText().isBlank() ? "an empty string" : "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
            case VALUE_NULL -> "no value";
            // the one value token left is VALUE_EMBEDDED_OBJECT, which YAML's !!binary yields
            default -> "binary data";
        };
    }
}
