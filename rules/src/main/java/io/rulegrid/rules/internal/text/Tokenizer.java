package io.rulegrid.rules.internal.text;

import io.rulegrid.rules.internal.text.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits rule text into tokens, skipping whitespace and {@code //} and {@code /* *}{@code /} comments.
 * Both RGL and the MVEL expressions inside it are read with it, so that strings, braces and comments
 * inside expressions never confuse the rule parser or the sandbox.
 */
public final class Tokenizer {

    private static final String[] OPERATORS = {
        ">>>", "~=", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "++", "--", "=~", ".?", "<<", ">>",
    };

    private final String text;
    private int pos;

    private Tokenizer(String text, int from) {
        this.text = text;
        this.pos = from;
    }

    /** All tokens of {@code text}. */
    public static List<Token> tokenize(String text) {
        return tokenize(text, 0, text.length());
    }

    /** The tokens of {@code text} between offsets {@code from} (inclusive) and {@code to} (exclusive). */
    public static List<Token> tokenize(String text, int from, int to) {
        Tokenizer tokenizer = new Tokenizer(text.substring(0, to), from);
        List<Token> tokens = new ArrayList<>();
        for (Token token = tokenizer.next(); token != null; token = tokenizer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= text.length()) {
            return null;
        }
        int start = pos;
        char c = text.charAt(pos);
        if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
            pos = text.length();
            return new Token(Kind.ERROR, "unterminated comment", start, pos);
        }
        if (Character.isJavaIdentifierStart(c)) {
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, text.substring(start, pos), start, pos);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '"' || c == '\'') {
            return string(start, c);
        }
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, pos)) {
                pos += operator.length();
                return new Token(Kind.OPERATOR, operator, start, pos);
            }
        }
        pos++;
        return new Token(Kind.OPERATOR, String.valueOf(c), start, pos);
    }

    private Token number(int start) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')
                    && !text.substring(start, pos).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '.' && pos + 1 < text.length()
                    && Character.isDigit(text.charAt(pos + 1)) || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        return new Token(Kind.NUMBER, text.substring(start, pos), start, pos);
    }

    private Token string(int start, char quote) {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return new Token(Kind.STRING, text.substring(start, pos), start, pos);
            } else {
                pos++;
            }
        }
        pos = text.length();
        return new Token(Kind.ERROR, "unterminated string", start, pos);
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("//", pos)) {
                int eol = text.indexOf('\n', pos);
                pos = eol < 0 ? text.length() : eol + 1;
            } else if (text.startsWith("/*", pos)) {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0) {
                    return;
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }
}
