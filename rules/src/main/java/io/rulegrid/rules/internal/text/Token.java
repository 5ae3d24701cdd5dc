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

    /**
     * The value of a string token without quotes, with escapes resolved: the same escapes wherever RGL has a
     * string (names, tags and descriptions of a rule file, literals in expressions): {@code \n \t \r \b \f \0
     * \" \' \\}, and a backslash-u with four hex digits.
     *
     * @throws IllegalArgumentException for an unknown or malformed escape, saying which
     */
    public String stringValue() {
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escape = text.charAt(++i);
            switch (escape) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case '0' -> value.append('\0');
                case '"', '\'', '\\' -> value.append(escape);
                case 'u' -> {
                    if (i + 4 >= text.length() - 1 || !text.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        throw new IllegalArgumentException("malformed \\u escape in a string: write \\u followed by"
                                + " four hex digits");
                    }
                    value.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape '\\" + escape + "' in a string");
            }
        }
        return value.toString();
    }
}
