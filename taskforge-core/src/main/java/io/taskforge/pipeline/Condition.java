package io.taskforge.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code when} language of steps: comparisons of references and literals joined by {@code &&},
 * {@code ||} and {@code !}, with parentheses.
 *
 * <pre>
 *   or      := and ('||' and)*
 *   and     := unary ('&&' unary)*
 *   unary   := '!' unary | compare
 *   compare := primary (('==' | '!=' | '<' | '<=' | '>' | '>=') primary)?
 *   primary := '(' or ')' | number | 'text' | "text" | true | false | null | reference
 * </pre>
 *
 * References are those of {@link Reference}, bare or written {@code ${...}} as in payloads.
 * Numbers compare by value whatever their JSON form; {@code <} and friends compare two numbers or
 * two strings and are false for anything else. As a truth value, null, false, 0, "" and empty
 * lists or objects are false, everything else true. A hand-written parser keeps this small and
 * dependency-free; it never evaluates anything but these operators.
 */
final class Condition {
    private final Node root;
    private final List<Reference> references;

    private Condition(Node root, List<Reference> references) {
        this.root = root;
        this.references = List.copyOf(references);
    }

    /**
     * @throws IllegalArgumentException with the position and cause of the first error
     */
    static Condition parse(String text) {
        Parser p = new Parser(text);
        Node root = p.or();
        if (p.peek().kind != Kind.END) {
            throw p.error("unexpected '" + p.peek().text + "'");
        }
        return new Condition(root, p.references);
    }

    List<Reference> references() {
        return references;
    }

    boolean test(Scope scope) {
        return truthy(root.eval(scope));
    }

    static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> new BigDecimal(n.toString()).signum() != 0;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    // ---- evaluation -------------------------------------------------------------------------

    private interface Node {
        Object eval(Scope scope);
    }

    private record Literal(Object value) implements Node {
        public Object eval(Scope scope) {
            return value;
        }
    }

    private record Ref(Reference ref) implements Node {
        public Object eval(Scope scope) {
            return scope.resolve(ref);
        }
    }

    private record Not(Node operand) implements Node {
        public Object eval(Scope scope) {
            return !truthy(operand.eval(scope));
        }
    }

    private record And(Node left, Node right) implements Node {
        public Object eval(Scope scope) {
            return truthy(left.eval(scope)) && truthy(right.eval(scope));
        }
    }

    private record Or(Node left, Node right) implements Node {
        public Object eval(Scope scope) {
            return truthy(left.eval(scope)) || truthy(right.eval(scope));
        }
    }

    private record Compare(String op, Node left, Node right) implements Node {
        public Object eval(Scope scope) {
            Object l = left.eval(scope);
            Object r = right.eval(scope);
            return switch (op) {
                case "==" -> same(l, r);
                case "!=" -> !same(l, r);
                default -> {
                    Integer c = order(l, r);
                    yield c != null
                            && switch (op) {
                                case "<" -> c < 0;
                                case "<=" -> c <= 0;
                                case ">" -> c > 0;
                                default -> c >= 0;
                            };
                }
            };
        }
    }

    static boolean same(Object l, Object r) {
        if (l instanceof Number a && r instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return l == null ? r == null : l.equals(r);
    }

    private static Integer order(Object l, Object r) {
        if (l instanceof Number a && r instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (l instanceof String a && r instanceof String b) {
            return a.compareTo(b);
        }
        return null;
    }

    // ---- parsing ----------------------------------------------------------------------------

    private enum Kind {
        NUMBER,
        STRING,
        WORD,
        OP,
        END
    }

    private record Token(Kind kind, String text, int at) {}

    private static final class Parser {
        private final String src;
        private final List<Token> tokens;
        private final List<Reference> references = new ArrayList<>();
        private int next;

        Parser(String src) {
            this.src = src;
            this.tokens = tokenize(src);
        }

        Node or() {
            Node left = and();
            while (accept("||")) {
                left = new Or(left, and());
            }
            return left;
        }

        private Node and() {
            Node left = unary();
            while (accept("&&")) {
                left = new And(left, unary());
            }
            return left;
        }

        private Node unary() {
            if (accept("!")) {
                return new Not(unary());
            }
            return compare();
        }

        private Node compare() {
            Node left = primary();
            Token t = peek();
            if (t.kind == Kind.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text)) {
                next++;
                return new Compare(t.text, left, primary());
            }
            return left;
        }

        private Node primary() {
            Token t = peek();
            next++;
            switch (t.kind) {
                case NUMBER -> {
                    return new Literal(new BigDecimal(t.text));
                }
                case STRING -> {
                    return new Literal(t.text);
                }
                case WORD -> {
                    switch (t.text) {
                        case "true" -> {
                            return new Literal(Boolean.TRUE);
                        }
                        case "false" -> {
                            return new Literal(Boolean.FALSE);
                        }
                        case "null" -> {
                            return new Literal(null);
                        }
                        default -> {
                            try {
                                Reference ref = Reference.parse(t.text);
                                references.add(ref);
                                return new Ref(ref);
                            } catch (IllegalArgumentException e) {
                                throw error(e.getMessage(), t);
                            }
                        }
                    }
                }
                case OP -> {
                    if (t.text.equals("(")) {
                        Node inner = or();
                        if (!accept(")")) {
                            throw error("')' expected");
                        }
                        return inner;
                    }
                    throw error("unexpected '" + t.text + "'", t);
                }
                default -> throw error("the condition ends too early", t);
            }
        }

        Token peek() {
            return tokens.get(next);
        }

        private boolean accept(String op) {
            Token t = peek();
            if (t.kind == Kind.OP && t.text.equals(op)) {
                next++;
                return true;
            }
            return false;
        }

        IllegalArgumentException error(String message) {
            return error(message, peek());
        }

        private IllegalArgumentException error(String message, Token at) {
            return new IllegalArgumentException(message + " at character " + (at.at + 1) + " of '" + src + "'");
        }

        /** {@code ${} and its {@code }} are read as nothing, so references may be written either way. */
        private static List<Token> tokenize(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("${", i)) {
                    i += 2;
                } else if (c == '}') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException(
                                "unclosed text literal at character " + (i + 1) + " of '" + s + "'");
                    }
                    out.add(new Token(Kind.STRING, s.substring(i + 1, end), i));
                    i = end + 1;
                } else if (Character.isDigit(c)
                        || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    int start = i++;
                    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    String number = s.substring(start, i);
                    try {
                        new BigDecimal(number);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "'" + number + "' is not a number at character " + (start + 1) + " of '" + s + "'");
                    }
                    out.add(new Token(Kind.NUMBER, number, start));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length()
                            && (Character.isLetterOrDigit(s.charAt(i)) || "_-.".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    out.add(new Token(Kind.WORD, s.substring(start, i), start));
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                        out.add(new Token(Kind.OP, two, i));
                        i += 2;
                    } else if ("<>!()".indexOf(c) >= 0) {
                        out.add(new Token(Kind.OP, String.valueOf(c), i));
                        i++;
                    } else {
                        throw new IllegalArgumentException(
                                "unexpected '" + c + "' at character " + (i + 1) + " of '" + s + "'");
                    }
                }
            }
            out.add(new Token(Kind.END, "end", s.length()));
            return out;
        }
    }
}
