package org.fieldpost.protocol.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the grammar of Jakarta Messaging 3.1 section 3.8.1.1, lowest precedence first:
 *
 * <pre>
 * selector       = or EOF                                  (a conditional expression)
 * or             = and { OR and }
 * and            = not { AND not }
 * not            = NOT not | comparison
 * comparison     = additive [ ( = | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;= ) additive
 *                           | [NOT] BETWEEN additive AND additive
 *                           | [NOT] IN ( string { , string } )          (left side an identifier)
 *                           | [NOT] LIKE string [ ESCAPE string ]       (left side an identifier)
 *                           | IS [NOT] NULL ]                           (left side an identifier)
 * additive       = multiplicative { ( + | - ) multiplicative }
 * multiplicative = unary { ( * | / ) unary }
 * unary          = ( + | - ) unary | primary
 * primary        = string | number | TRUE | FALSE | identifier | ( or )
 * </pre>
 *
 * <p>Comparisons do not chain ({@code a = b = c} needs parentheses, as in SQL). What is known of operand types before
 * any message is seen is checked here, since the grammar separates conditional, arithmetic and string expressions:
 * {@code NOT 5}, {@code 'a' + 1}, {@code 'a' < 'b'} or a selector that is just {@code 5} are syntax errors, while an
 * identifier fits anywhere and is checked per message. Not thread-safe: one instance per parse.
 */
final class Parser {
    /** Parentheses, NOT and unary signs nested deeper than this are rejected, so parsing cannot overflow the stack. */
    static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The expression tree of a selector, or {@code null} when the text has no tokens at all. */
    static Expression parse(String text) throws SelectorSyntaxException {
        Parser parser = new Parser(Lexer.tokenize(text));
        if (parser.peek().type() == Token.Type.EOF) {
            return null;
        }
        int start = parser.peek().start();
        Expression root = parser.or();
        Token trailing = parser.peek();
        if (trailing.type() != Token.Type.EOF) {
            throw new SelectorSyntaxException("expected an operator or the end of the selector but found "
                + trailing.type().description()
                + (isComparison(trailing.type()) ? " (comparisons do not chain; use parentheses)" : ""),
                trailing.start());
        }
        return condition(root, start);
    }

    private Expression or() throws SelectorSyntaxException {
        int start = peek().start();
        Expression first = and();
        if (peek().type() != Token.Type.OR) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(condition(first, start));
        while (accept(Token.Type.OR)) {
            int next = peek().start();
            operands.add(condition(and(), next));
        }
        return new Logic.Or(operands.toArray(Expression[]::new));
    }

    private Expression and() throws SelectorSyntaxException {
        int start = peek().start();
        Expression first = not();
        if (peek().type() != Token.Type.AND) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(condition(first, start));
        while (accept(Token.Type.AND)) {
            int next = peek().start();
            operands.add(condition(not(), next));
        }
        return new Logic.And(operands.toArray(Expression[]::new));
    }

    private Expression not() throws SelectorSyntaxException {
        if (peek().type() != Token.Type.NOT) {
            return comparison();
        }
        enter(next());
        int start = peek().start();
        Expression operand = condition(not(), start);
        depth--;
        return new Logic.Not(operand);
    }

    private Expression comparison() throws SelectorSyntaxException {
        int start = peek().start();
        Expression left = additive();
        Token token = peek();
        Comparison.Operator op = operator(token.type());
        if (op != null) {
            next();
            int rightStart = peek().start();
            Expression right = additive();
            if (op.ordering()) {
                numeric(left, start);
                numeric(right, rightStart);
            } else if (left.kind() != Expression.Kind.UNTYPED && right.kind() != Expression.Kind.UNTYPED
                && left.kind() != right.kind()) {
                // Spec 3.8.1.1: only like types compare; two operands whose types are known when the
                // selector is parsed (TRUE = 0, 'a' = 1) can never match, which the TCK treats as invalid.
                throw new SelectorSyntaxException("cannot compare " + describe(left) + " with " + describe(right),
                    rightStart);
            }
            return new Comparison(op, left, right);
        }
        boolean negated = token.type() == Token.Type.NOT;
        if (negated) {
            next();
            Token.Type type = peek().type();
            if (type != Token.Type.BETWEEN && type != Token.Type.IN && type != Token.Type.LIKE) {
                throw error("expected BETWEEN, IN or LIKE after NOT", peek());
            }
        }
        return switch (peek().type()) {
            case BETWEEN -> between(negated, left, start);
            case IN -> in(negated, identifier(left, "IN", start));
            case LIKE -> like(negated, identifier(left, "LIKE", start));
            case IS -> isNull(identifier(left, "IS NULL", start));
            default -> left;
        };
    }

    private Expression between(boolean negated, Expression value, int start) throws SelectorSyntaxException {
        numeric(value, start);
        next();
        int lowStart = peek().start();
        Expression low = numeric(additive(), lowStart);
        expect(Token.Type.AND, "expected AND in BETWEEN");
        int highStart = peek().start();
        Expression high = numeric(additive(), highStart);
        return new Predicates.Between(negated, value, low, high);
    }

    private Expression in(boolean negated, Operands.Identifier identifier) throws SelectorSyntaxException {
        next();
        expect(Token.Type.LPAREN, "expected '(' after IN");
        Set<String> values = new LinkedHashSet<>();
        do {
            Token value = next();
            if (value.type() != Token.Type.STRING) {
                throw error("expected a string literal (IN lists hold string literals only)", value);
            }
            values.add((String) value.value());
        } while (accept(Token.Type.COMMA));
        expect(Token.Type.RPAREN, "expected ',' or ')' in IN list");
        return new Predicates.In(negated, identifier, values);
    }

    private Expression like(boolean negated, Operands.Identifier identifier) throws SelectorSyntaxException {
        next();
        Token pattern = next();
        if (pattern.type() != Token.Type.STRING) {
            throw error("expected a string literal as LIKE pattern", pattern);
        }
        int escape = -1;
        if (accept(Token.Type.ESCAPE)) {
            Token escapeToken = next();
            if (escapeToken.type() != Token.Type.STRING) {
                throw error("expected a string literal after ESCAPE", escapeToken);
            }
            String text = (String) escapeToken.value();
            if (text.isEmpty() || text.codePointCount(0, text.length()) != 1) {
                throw error("the escape character must be a string literal of exactly one character", escapeToken);
            }
            escape = text.codePointAt(0);
        }
        LikePattern compiled = LikePattern.compile((String) pattern.value(), escape, pattern.start());
        return new Predicates.Like(negated, identifier, compiled, escape);
    }

    private Expression isNull(Operands.Identifier identifier) throws SelectorSyntaxException {
        next();
        boolean negated = accept(Token.Type.NOT);
        expect(Token.Type.NULL, "expected NULL or NOT NULL after IS");
        return new Predicates.IsNull(negated, identifier);
    }

    private Expression additive() throws SelectorSyntaxException {
        int start = peek().start();
        Expression first = multiplicative();
        if (peek().type() != Token.Type.PLUS && peek().type() != Token.Type.MINUS) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        StringBuilder operators = new StringBuilder();
        operands.add(numeric(first, start));
        while (peek().type() == Token.Type.PLUS || peek().type() == Token.Type.MINUS) {
            operators.append(next().type() == Token.Type.PLUS ? '+' : '-');
            int next = peek().start();
            operands.add(numeric(multiplicative(), next));
        }
        return new Operands.Arithmetic(operands.toArray(Expression[]::new), operators.toString().toCharArray());
    }

    private Expression multiplicative() throws SelectorSyntaxException {
        int start = peek().start();
        Expression first = unary();
        if (peek().type() != Token.Type.STAR && peek().type() != Token.Type.SLASH) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        StringBuilder operators = new StringBuilder();
        operands.add(numeric(first, start));
        while (peek().type() == Token.Type.STAR || peek().type() == Token.Type.SLASH) {
            operators.append(next().type() == Token.Type.STAR ? '*' : '/');
            int next = peek().start();
            operands.add(numeric(unary(), next));
        }
        return new Operands.Arithmetic(operands.toArray(Expression[]::new), operators.toString().toCharArray());
    }

    private Expression unary() throws SelectorSyntaxException {
        Token sign = peek();
        if (sign.type() != Token.Type.PLUS && sign.type() != Token.Type.MINUS) {
            return primary();
        }
        enter(next());
        boolean minus = sign.type() == Token.Type.MINUS;
        Expression result;
        if (minus && peek().type() == Token.Type.EXACT) {
            // Folded here so that -2147483648 and -9223372036854775808 are in range, as in Java.
            result = new Operands.Constant(exact(next(), true));
        } else {
            int start = peek().start();
            Expression operand = numeric(unary(), start);
            if (operand instanceof Operands.Constant constant) {
                Object value = constant.value(null);
                result = new Operands.Constant(minus ? Numerics.negate(value) : Numerics.promote(value));
            } else {
                result = new Operands.Unary(minus, operand);
            }
        }
        depth--;
        return result;
    }

    private Expression primary() throws SelectorSyntaxException {
        Token token = next();
        switch (token.type()) {
            case STRING, APPROXIMATE -> {
                return new Operands.Constant(token.value());
            }
            case EXACT -> {
                return new Operands.Constant(exact(token, false));
            }
            case TRUE, FALSE -> {
                return new Operands.Constant(token.type() == Token.Type.TRUE);
            }
            case IDENTIFIER -> {
                return new Operands.Identifier((String) token.value());
            }
            case LPAREN -> {
                enter(token);
                Expression inner = or();
                expect(Token.Type.RPAREN, "expected ')'");
                depth--;
                return inner;
            }
            case NULL -> throw error("NULL may only appear in IS NULL or IS NOT NULL", token);
            default -> throw error("expected an identifier, a literal or '(' but found "
                + token.type().description(), token);
        }
    }

    private static Number exact(Token token, boolean negated) throws SelectorSyntaxException {
        Number value = ((Token.ExactLiteral) token.value()).toNumber(negated);
        if (value == null) {
            throw error("number out of the range of a long", token);
        }
        return value;
    }

    private static Comparison.Operator operator(Token.Type type) {
        return switch (type) {
            case EQ -> Comparison.Operator.EQ;
            case NE -> Comparison.Operator.NE;
            case LT -> Comparison.Operator.LT;
            case LE -> Comparison.Operator.LE;
            case GT -> Comparison.Operator.GT;
            case GE -> Comparison.Operator.GE;
            default -> null;
        };
    }

    private static boolean isComparison(Token.Type type) {
        return operator(type) != null || type == Token.Type.BETWEEN || type == Token.Type.IN
            || type == Token.Type.LIKE || type == Token.Type.IS;
    }

    private static Expression condition(Expression expression, int start) throws SelectorSyntaxException {
        if (!expression.kind().allows(Expression.Kind.BOOLEAN)) {
            throw new SelectorSyntaxException("expected a conditional expression but found " + describe(expression),
                start);
        }
        return expression;
    }

    private static Expression numeric(Expression expression, int start) throws SelectorSyntaxException {
        if (!expression.kind().allows(Expression.Kind.NUMERIC)) {
            throw new SelectorSyntaxException("expected an arithmetic expression but found " + describe(expression)
                + " (strings and booleans compare only with = and <>)", start);
        }
        return expression;
    }

    private static Operands.Identifier identifier(Expression expression, String operator, int start)
        throws SelectorSyntaxException {
        if (expression instanceof Operands.Identifier identifier) {
            return identifier;
        }
        throw new SelectorSyntaxException(operator + " applies to an identifier only, not to "
            + describe(expression), start);
    }

    private static String describe(Expression expression) {
        return switch (expression.kind()) {
            case BOOLEAN -> "a conditional expression";
            case NUMERIC -> "an arithmetic expression";
            case STRING -> "a string literal";
            default -> "an identifier";
        };
    }

    private void enter(Token token) throws SelectorSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("selector nested more than " + MAX_DEPTH + " levels deep", token);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.type() != Token.Type.EOF) {
            index++;
        }
        return token;
    }

    private boolean accept(Token.Type type) {
        if (peek().type() == type) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(Token.Type type, String message) throws SelectorSyntaxException {
        Token token = peek();
        if (token.type() != type) {
            throw error(message + " but found " + token.type().description(), token);
        }
        index++;
    }

    private static SelectorSyntaxException error(String message, Token token) {
        return new SelectorSyntaxException(message, token.start());
    }
}
