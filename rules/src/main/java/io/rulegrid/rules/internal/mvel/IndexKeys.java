package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.internal.engine.IndexKey;
import io.rulegrid.rules.internal.text.Token;
import io.rulegrid.rules.internal.text.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the field-equals-constant test a condition's top-level conjunction starts with, such as
 * {@code category == "books"} in {@code category == "books" && price > 10}, so that the engine evaluates
 * the condition only for facts whose field has that value.
 */
final class IndexKeys {

    private static final Set<String> NOT_FIELDS = Set.of("fact", "input", "now", "null", "nil", "empty", "true",
            "false", "this");

    private IndexKeys() {
    }

    /** The condition's index key, or {@code null} when its top level is not such a conjunction. */
    static IndexKey of(List<Token> tokens) {
        List<Token> body = stripParentheses(tokens);
        List<List<Token>> conjuncts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : body) {
            if (token.isOperator("(") || token.isOperator("[") || token.isOperator("{")) {
                depth++;
            } else if (token.isOperator(")") || token.isOperator("]") || token.isOperator("}")) {
                depth--;
            } else if (depth == 0 && (token.isOperator("||") || token.isOperator("?") || token.isIdentifier("or"))) {
                return null;
            }
            if (depth == 0 && token.isOperator("&&")) {
                conjuncts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        conjuncts.add(current);
        for (List<Token> conjunct : conjuncts) {
            IndexKey key = equality(conjunct);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private static IndexKey equality(List<Token> conjunct) {
        if (conjunct.size() != 3 || !conjunct.get(1).isOperator("==")) {
            return null;
        }
        IndexKey key = key(conjunct.get(0), conjunct.get(2));
        return key != null ? key : key(conjunct.get(2), conjunct.get(0));
    }

    private static IndexKey key(Token field, Token constant) {
        if (field.kind() != Kind.IDENTIFIER || NOT_FIELDS.contains(field.text())) {
            return null;
        }
        Object value = constantValue(constant);
        return value == null ? null : new IndexKey(field.text(), value);
    }

    private static Object constantValue(Token token) {
        String text = token.text();
        switch (token.kind()) {
            case STRING:
                // escapes are left to MVEL: a key that might differ from MVEL's reading is no key
                return text.indexOf('\\') >= 0 ? null : text.substring(1, text.length() - 1);
            case NUMBER:
                String digits = text.endsWith("L") || text.endsWith("l") ? text.substring(0, text.length() - 1) : text;
                if (!digits.matches("0|[1-9][0-9]{0,17}")) {
                    return null;
                }
                return Long.parseLong(digits);
            case IDENTIFIER:
                return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    private static List<Token> stripParentheses(List<Token> tokens) {
        List<Token> body = tokens;
        while (body.size() >= 2 && body.get(0).isOperator("(") && body.get(body.size() - 1).isOperator(")")
                && closes(body)) {
            body = body.subList(1, body.size() - 1);
        }
        return body;
    }

    /** Whether the first token's parenthesis is closed by the last token. */
    private static boolean closes(List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isOperator("(")) {
                depth++;
            } else if (tokens.get(i).isOperator(")") && --depth == 0) {
                return i == tokens.size() - 1;
            }
        }
        return false;
    }
}
