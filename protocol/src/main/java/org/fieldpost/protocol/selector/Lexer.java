package org.fieldpost.protocol.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits selector text into tokens (Jakarta Messaging 3.1 section 3.8.1.1: literals, identifiers, Java whitespace).
 * Numeric literals follow the Java literal syntax the specification names: decimal, hexadecimal ({@code 0x}),
 * octal (leading {@code 0}) and binary ({@code 0b}) integers with an optional {@code L} suffix, decimal and
 * hexadecimal floating-point literals with an optional {@code F}/{@code D} suffix, and underscores between digits.
 * Not thread-safe: one instance per parse.
 */
final class Lexer {
    private static final int MAX_KEYWORD = 7;
    private static final Map<String, Token.Type> KEYWORDS = Map.ofEntries(
        Map.entry("NULL", Token.Type.NULL), Map.entry("TRUE", Token.Type.TRUE), Map.entry("FALSE", Token.Type.FALSE),
        Map.entry("NOT", Token.Type.NOT), Map.entry("AND", Token.Type.AND), Map.entry("OR", Token.Type.OR),
        Map.entry("BETWEEN", Token.Type.BETWEEN), Map.entry("LIKE", Token.Type.LIKE), Map.entry("IN", Token.Type.IN),
        Map.entry("IS", Token.Type.IS), Map.entry("ESCAPE", Token.Type.ESCAPE));

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    /** All tokens of the text, ending with one {@link Token.Type#EOF}. */
    static List<Token> tokenize(String text) throws SelectorSyntaxException {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.type() != Token.Type.EOF);
        return tokens;
    }

    private Token next() throws SelectorSyntaxException {
        skipWhitespace();
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Token.Type.EOF, start, start, null);
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return string();
        }
        if (isDigit(c) || c == '.' && isDigit(charAt(pos + 1))) {
            return number();
        }
        int cp = text.codePointAt(pos);
        if (Character.isJavaIdentifierStart(cp)) {
            return identifier();
        }
        return operator(c);
    }

    /** Java whitespace: space, horizontal tab, form feed and the line terminators CR and LF. */
    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Token operator(char c) throws SelectorSyntaxException {
        int start = pos;
        char next = charAt(pos + 1);
        Token.Type type;
        int length = 1;
        switch (c) {
            case '=' -> type = Token.Type.EQ;
            case '+' -> type = Token.Type.PLUS;
            case '-' -> type = Token.Type.MINUS;
            case '*' -> type = Token.Type.STAR;
            case '/' -> type = Token.Type.SLASH;
            case '(' -> type = Token.Type.LPAREN;
            case ')' -> type = Token.Type.RPAREN;
            case ',' -> type = Token.Type.COMMA;
            case '<' -> {
                type = next == '=' ? Token.Type.LE : next == '>' ? Token.Type.NE : Token.Type.LT;
                length = type == Token.Type.LT ? 1 : 2;
            }
            case '>' -> {
                type = next == '=' ? Token.Type.GE : Token.Type.GT;
                length = type == Token.Type.GE ? 2 : 1;
            }
            case '!' -> throw new SelectorSyntaxException(
                next == '=' ? "unknown operator '!=' (not equal is '<>')" : "unexpected character '!'", start);
            default -> throw new SelectorSyntaxException("unexpected character " + describe(text.codePointAt(pos)),
                start);
        }
        pos += length;
        return new Token(type, start, pos, null);
    }

    private static String describe(int cp) {
        if (Character.isISOControl(cp) || Character.isSpaceChar(cp) || Character.isWhitespace(cp)
            || !Character.isDefined(cp)) {
            return String.format(Locale.ROOT, "U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private Token identifier() {
        int start = pos;
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (!Character.isJavaIdentifierPart(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        String name = text.substring(start, pos);
        Token.Type keyword = keyword(name);
        return keyword != null ? new Token(keyword, start, pos, null) : new Token(Token.Type.IDENTIFIER, start, pos,
            name);
    }

    /**
     * The keyword a name spells, ignoring ASCII case only: {@code String.equalsIgnoreCase} would also take the
     * dotless i of "ın" or the long s of "ſ" for keyword letters.
     */
    private static Token.Type keyword(String name) {
        if (name.length() > MAX_KEYWORD) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        return KEYWORDS.get(name.toUpperCase(Locale.ROOT));
    }

    private Token string() throws SelectorSyntaxException {
        int start = pos++;
        StringBuilder value = null;
        int segment = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\'') {
                if (charAt(pos + 1) != '\'') {
                    String literal = value == null ? text.substring(segment, pos)
                        : value.append(text, segment, pos).toString();
                    pos++;
                    return new Token(Token.Type.STRING, start, pos, literal);
                }
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(text, segment, pos + 1);
                pos += 2;
                segment = pos;
            } else {
                pos++;
            }
        }
        throw new SelectorSyntaxException("unterminated string literal", start);
    }

    private Token number() throws SelectorSyntaxException {
        int start = pos;
        char c = text.charAt(pos);
        char x = charAt(pos + 1);
        Token token;
        if (c == '0' && (x == 'x' || x == 'X')) {
            pos += 2;
            token = hexadecimal(start);
        } else if (c == '0' && (x == 'b' || x == 'B')) {
            pos += 2;
            String digits = digits(2);
            token = exact(start, digits.isEmpty() ? null : digits, 2);
        } else {
            token = decimal(start);
        }
        if (pos < text.length() && Character.isJavaIdentifierPart(text.codePointAt(pos))) {
            throw new SelectorSyntaxException("malformed number", start);
        }
        return token;
    }

    private Token decimal(int start) throws SelectorSyntaxException {
        String digits = digits(10);
        boolean approximate = false;
        if (charAt(pos) == '.') {
            pos++;
            digits(10);
            approximate = true;
        }
        char c = charAt(pos);
        if (c == 'e' || c == 'E') {
            exponent(start);
            approximate = true;
        }
        c = charAt(pos);
        if (c == 'f' || c == 'F' || c == 'd' || c == 'D') {
            pos++;
            approximate = true;
        }
        if (approximate) {
            return approximate(start);
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            for (int i = 1; i < digits.length(); i++) {
                if (digits.charAt(i) > '7') {
                    throw new SelectorSyntaxException("malformed octal number", start);
                }
            }
            return exact(start, digits.substring(1), 8);
        }
        return exact(start, digits, 10);
    }

    private Token hexadecimal(int start) throws SelectorSyntaxException {
        String digits = digits(16);
        boolean fraction = charAt(pos) == '.';
        if (fraction) {
            pos++;
            digits += digits(16);
        }
        char c = charAt(pos);
        if (c == 'p' || c == 'P') {
            if (digits.isEmpty()) {
                throw new SelectorSyntaxException("malformed number", start);
            }
            exponent(start);
            c = charAt(pos);
            if (c == 'f' || c == 'F' || c == 'd' || c == 'D') {
                pos++;
            }
            return approximate(start);
        }
        if (fraction) {
            throw new SelectorSyntaxException("hexadecimal floating-point literal without 'p' exponent", start);
        }
        return exact(start, digits.isEmpty() ? null : digits, 16);
    }

    private void exponent(int start) throws SelectorSyntaxException {
        pos++;
        char sign = charAt(pos);
        if (sign == '+' || sign == '-') {
            pos++;
        }
        if (digits(10).isEmpty()) {
            throw new SelectorSyntaxException("malformed exponent", start);
        }
    }

    private Token exact(int start, String digits, int radix) throws SelectorSyntaxException {
        if (digits == null) {
            throw new SelectorSyntaxException("malformed number", start);
        }
        char c = charAt(pos);
        boolean longSuffix = c == 'l' || c == 'L';
        if (longSuffix) {
            pos++;
        }
        long magnitude;
        try {
            magnitude = digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new SelectorSyntaxException("number out of the range of a long", start);
        }
        return new Token(Token.Type.EXACT, start, pos, new Token.ExactLiteral(magnitude, radix == 10, longSuffix));
    }

    private Token approximate(int start) throws SelectorSyntaxException {
        String literal = text.substring(start, pos).replace("_", "");
        char last = literal.charAt(literal.length() - 1);
        Number value;
        double asDouble;
        if (last == 'f' || last == 'F') {
            float f = Float.parseFloat(literal);
            value = f;
            asDouble = f;
        } else {
            asDouble = Double.parseDouble(literal);
            value = asDouble;
        }
        if (Double.isInfinite(asDouble)) {
            throw new SelectorSyntaxException("floating-point number too large", start);
        }
        if (asDouble == 0 && hasNonZeroDigit(literal)) {
            throw new SelectorSyntaxException("floating-point number too small", start);
        }
        return new Token(Token.Type.APPROXIMATE, start, pos, value);
    }

    /** Whether a floating-point literal's significand has a non-zero digit (an exponent's digits do not count). */
    private static boolean hasNonZeroDigit(String literal) {
        boolean hex = literal.length() > 1 && (literal.charAt(1) == 'x' || literal.charAt(1) == 'X');
        for (int i = hex ? 2 : 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E' || c == 'f' || c == 'F' || c == 'd' || c == 'D') {
                return false;
            }
            if (Character.digit(c, hex ? 16 : 10) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Consumes a run of digits of the radix (decimal digits for radix 8, checked by the caller) and underscores,
     * which Java allows only between digits.
     *
     * @return the digits without underscores, possibly empty
     */
    private String digits(int radix) throws SelectorSyntaxException {
        int start = pos;
        int digitRadix = radix == 8 ? 10 : radix;
        while (pos < text.length() && (Character.digit(text.charAt(pos), digitRadix) >= 0 && isAscii(text.charAt(pos))
            || text.charAt(pos) == '_')) {
            pos++;
        }
        if (pos > start && (text.charAt(start) == '_' || text.charAt(pos - 1) == '_')) {
            throw new SelectorSyntaxException("'_' is allowed only between digits", text.charAt(start) == '_'
                ? start : pos - 1);
        }
        return text.substring(start, pos).replace("_", "");
    }

    private static boolean isAscii(char c) {
        return c < 128;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }
}
