package io.rulegrid.rules.internal.text;

/**
 * One token of rule text.
 *
 * @param kind  what the token is
 * @param text  the token exactly as written (strings keep their quotes)
 * @param start offset of the first character
 * @param end   offset after the last character
 */
public record Token(Kind kind, String text, int start, int end) {

    /** Token kinds. */
    public enum Kind {
        IDENTIFIER, NUMBER, STRING, OPERATOR,
        /** Something the tokenizer could not read: an unterminated string or comment, a stray character. */
        ERROR
    }

    public boolean is(Kind kind, String text) {
        return this.kind == kind && this.text.equals(text);
    }

    public boolean isOperator(String operator) {
        return is(Kind.OPERATOR, operator);
    }

    public boolean isIdentifier(String identifier) {
        return is(Kind.IDENTIFIER, identifier);
    }

    /** The value of a string token without quotes, with escapes resolved. */
    public String stringValue() {
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) {
                char next = text.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}
