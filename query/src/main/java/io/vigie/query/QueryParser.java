package io.vigie.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hand-written recursive descent over a token list. Precedence, loosest first: OR, AND (explicit or implied by
 * juxtaposition), NOT, NEAR/n, then field scopes and atoms.
 *
 * <pre>
 * query   := or EOF
 * or      := and ("OR" and)*
 * and     := unary (["AND"] unary)*
 * unary   := ("NOT" | "-") unary | near
 * near    := primary ("NEAR/" n primary)*
 * primary := [field ":"] ( "(" or ")" | word | word* | "phrase" ["~" n] )
 * </pre>
 */
final class QueryParser {

    static final int MAX_LENGTH = 2_000;
    static final int MAX_DEPTH = 32;
    static final int MAX_TERMS = 200;
    static final int MAX_DISTANCE = 100;
    static final int MIN_PREFIX = 2;

    private static final String EXPECTED_OPERAND = "expected a word, a \"phrase\" or a (group)";

    private enum Kind { WORD, PHRASE, FIELD, LPAREN, RPAREN, AND, OR, NOT, NEAR, EOF }

    /** {@code number} is the NEAR distance or the phrase slop (-1 when the phrase has none). */
    private record Token(Kind kind, String text, int column, int number) {
    }

    private final List<Token> tokens;
    private int position;
    private int depth;
    private int terms;

    private QueryParser(String source) {
        this.tokens = lex(source);
    }

    static QueryNode parse(String source) {
        if (source == null) {
            throw new QueryParseException(1, "the query is empty; " + EXPECTED_OPERAND);
        }
        if (source.length() > MAX_LENGTH) {
            throw new QueryParseException(MAX_LENGTH + 1, "the query is " + source.length()
                    + " characters long; the limit is " + MAX_LENGTH + ": split it into several watches");
        }
        QueryParser parser = new QueryParser(source);
        if (parser.peek().kind == Kind.EOF) {
            throw new QueryParseException(1, "the query is empty; " + EXPECTED_OPERAND);
        }
        QueryNode root = parser.parseOr(QueryField.DEFAULT);
        Token next = parser.peek();
        if (next.kind == Kind.RPAREN) {
            throw new QueryParseException(next.column, "unexpected ')': there is no '(' to close");
        }
        if (next.kind != Kind.EOF) {
            throw new QueryParseException(next.column, "expected AND, OR or the end of the query, found " + show(next));
        }
        return root;
    }

    private QueryNode parseOr(QueryField field) {
        List<QueryNode> children = new ArrayList<>();
        children.add(parseAnd(field));
        while (peek().kind == Kind.OR) {
            Token or = next();
            children.add(parseOperand(field, "after OR at column " + or.column));
        }
        return children.size() == 1 ? children.get(0) : new QueryNode.Or(children);
    }

    private QueryNode parseAnd(QueryField field) {
        List<QueryNode> children = new ArrayList<>();
        children.add(parseUnary(field, null));
        while (true) {
            Token token = peek();
            if (token.kind == Kind.AND) {
                next();
                children.add(parseUnary(field, "after AND at column " + token.column));
            } else if (startsOperand(token)) {
                children.add(parseUnary(field, null));
            } else {
                break;
            }
        }
        return children.size() == 1 ? children.get(0) : new QueryNode.And(children);
    }

    /** An operand of OR: an AND chain, so that {@code a OR b c} is {@code a OR (b AND c)}. */
    private QueryNode parseOperand(QueryField field, String context) {
        if (!startsOperand(peek())) {
            throw expectedOperand(peek(), context);
        }
        return parseAnd(field);
    }

    private QueryNode parseUnary(QueryField field, String context) {
        Token token = peek();
        if (token.kind == Kind.NOT) {
            next();
            enter(token);
            QueryNode child = parseUnary(field, "after NOT at column " + token.column);
            depth--;
            return new QueryNode.Not(child);
        }
        return parseNear(field, context);
    }

    private QueryNode parseNear(QueryField field, String context) {
        Token start = peek();
        QueryNode left = parsePrimary(field, context);
        while (peek().kind == Kind.NEAR) {
            Token near = next();
            requireSpan(left, start, near);
            Token rightStart = peek();
            QueryNode right = parsePrimary(field, "after NEAR/" + near.number + " at column " + near.column);
            requireSpan(right, rightStart, near);
            QueryField leftField = fieldOf(left);
            QueryField rightField = fieldOf(right);
            if (leftField != rightField) {
                throw new QueryParseException(near.column, "both sides of NEAR/" + near.number
                        + " must be in the same field (found " + label(leftField) + " and " + label(rightField)
                        + "); scope the whole expression instead, like title:(service NEAR/5 client)");
            }
            left = new QueryNode.Near(leftField, left, right, near.number);
        }
        return left;
    }

    private QueryNode parsePrimary(QueryField field, String context) {
        Token token = peek();
        switch (token.kind) {
            case FIELD -> {
                next();
                QueryField scoped = QueryField.byPrefix(token.text).orElseThrow();
                if (field != QueryField.DEFAULT && field != scoped) {
                    throw new QueryParseException(token.column, "'" + token.text + ":' cannot be used inside "
                            + field.prefix() + ":(...); close the group first");
                }
                return parsePrimary(scoped, "after '" + token.text + ":' at column " + token.column);
            }
            case LPAREN -> {
                next();
                enter(token);
                if (peek().kind == Kind.RPAREN) {
                    throw new QueryParseException(peek().column, "empty group: " + EXPECTED_OPERAND + " inside '('");
                }
                QueryNode inner = parseOr(field);
                Token close = peek();
                if (close.kind != Kind.RPAREN) {
                    throw new QueryParseException(close.column, "expected ')' to close the '(' at column "
                            + token.column + ", found " + show(close));
                }
                next();
                depth--;
                return inner;
            }
            case WORD -> {
                next();
                return word(field, token);
            }
            case PHRASE -> {
                next();
                return phrase(field, token);
            }
            default -> throw expectedOperand(token, context);
        }
    }

    private QueryNode word(QueryField field, Token token) {
        String raw = token.text;
        int star = raw.indexOf('*');
        boolean prefix = star >= 0;
        if (prefix && star != raw.length() - 1) {
            throw new QueryParseException(token.column + star,
                    "'*' is only allowed at the end of a word, like vigi*");
        }
        String body = prefix ? raw.substring(0, star) : raw;
        if (field == QueryField.LANG) {
            String code = TextFolding.foldKeyword(body);
            if (code.isEmpty() || !code.chars().allMatch(c -> c == '-' || c == '_' || Character.isLetterOrDigit(c))) {
                throw new QueryParseException(token.column, "lang: takes a language code like fr or en, found '"
                        + raw + "'");
            }
            countTerm(token);
            return prefix ? new QueryNode.Prefix(field, code) : new QueryNode.Term(field, code);
        }
        String[] words = TextFolding.tokens(body);
        if (words.length == 0) {
            throw new QueryParseException(token.column, "'" + raw + "' has no letter or digit to search for");
        }
        if (prefix) {
            if (words.length > 1) {
                throw new QueryParseException(token.column, "'*' applies to a single word; '" + body
                        + "' is several words (write them as separate words, or quote them as a phrase)");
            }
            if (words[0].length() < MIN_PREFIX) {
                throw new QueryParseException(token.column, "a prefix needs at least " + MIN_PREFIX
                        + " letters before '*'");
            }
            countTerm(token);
            return new QueryNode.Prefix(field, words[0]);
        }
        countTerm(token);
        // "e-mail" or "12:30" typed bare: the user means these words together.
        return words.length == 1 ? new QueryNode.Term(field, words[0]) : new QueryNode.Phrase(field, List.of(words));
    }

    private QueryNode phrase(QueryField field, Token token) {
        if (field == QueryField.LANG) {
            throw new QueryParseException(token.column, "lang: takes a language code like fr or en, not a phrase");
        }
        String[] words = TextFolding.tokens(token.text);
        if (words.length == 0) {
            throw new QueryParseException(token.column, "the phrase has no letter or digit to search for");
        }
        countTerm(token);
        if (words.length == 1) {
            return new QueryNode.Term(field, words[0]);
        }
        return token.number < 0 ? new QueryNode.Phrase(field, List.of(words))
                : new QueryNode.Proximity(field, List.of(words), token.number);
    }

    private void requireSpan(QueryNode node, Token at, Token near) {
        if (!(node instanceof QueryNode.Leaf)) {
            throw new QueryParseException(at.column, "NEAR/" + near.number
                    + " needs a word, a prefix* or a \"phrase\" on each side, not AND, OR, NOT or a group of them");
        }
        if (fieldOf(node) == QueryField.LANG) {
            throw new QueryParseException(at.column, "lang: cannot be used with NEAR: it is a code, not words");
        }
    }

    private static QueryField fieldOf(QueryNode node) {
        return ((QueryNode.Leaf) node).field();
    }

    private static String label(QueryField field) {
        return field == QueryField.DEFAULT ? "no field" : field.prefix() + ":";
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw new QueryParseException(token.column, "the query nests NOT and parentheses more than "
                    + MAX_DEPTH + " levels deep; simplify it");
        }
    }

    private void countTerm(Token token) {
        if (++terms > MAX_TERMS) {
            throw new QueryParseException(token.column, "the query has more than " + MAX_TERMS
                    + " words and phrases; split it into several watches");
        }
    }

    private static boolean startsOperand(Token token) {
        return switch (token.kind) {
            case WORD, PHRASE, FIELD, LPAREN, NOT -> true;
            default -> false;
        };
    }

    private QueryParseException expectedOperand(Token found, String context) {
        String where = context == null ? "" : " " + context;
        String hint = found.kind == Kind.AND || found.kind == Kind.OR || found.kind == Kind.NEAR
                ? " (" + found.text + " goes between two terms)" : "";
        return new QueryParseException(found.column, EXPECTED_OPERAND + where + ", found " + show(found) + hint);
    }

    private static String show(Token token) {
        return switch (token.kind) {
            case EOF -> "the end of the query";
            case PHRASE -> "a phrase";
            case FIELD -> "'" + token.text + ":'";
            default -> "'" + token.text + "'";
        };
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        return tokens.get(position++);
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", column, 0));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", column, 0));
                i++;
            } else if (c == '"' || c == '\u201C' || c == '\u201D' || c == '\u00AB' || c == '\u00BB') {
                i = lexPhrase(s, i, out);
            } else if (c == '~') {
                throw new QueryParseException(column, "'~' goes right after a closing quote, like \"service client\"~5");
            } else if (c == '-' && i + 1 < n && !Character.isWhitespace(s.charAt(i + 1)) && s.charAt(i + 1) != '-') {
                // "-word" is how search engines spell NOT; taken literally it would search for the very word excluded.
                out.add(new Token(Kind.NOT, "-", column, 0));
                i++;
            } else {
                i = lexWord(s, i, out);
            }
        }
        out.add(new Token(Kind.EOF, "", n + 1, 0));
        return out;
    }

    private static int lexPhrase(String s, int start, List<Token> out) {
        char open = s.charAt(start);
        // Typographic quotes pasted from a document: accept the pair that belongs with the opening one.
        char close = switch (open) {
            case '\u201C' -> '\u201D';
            case '\u00AB' -> '\u00BB';
            default -> open;
        };
        int end = s.indexOf(close, start + 1);
        if (end < 0) {
            throw new QueryParseException(start + 1, "this quote is never closed: expected a closing " + close);
        }
        int i = end + 1;
        int slop = -1;
        if (i < s.length() && s.charAt(i) == '~') {
            int digits = i + 1;
            while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
                digits++;
            }
            slop = number(s, i + 1, digits, "'~' must be followed by a number of words, like \"service client\"~5");
            i = digits;
        }
        out.add(new Token(Kind.PHRASE, s.substring(start + 1, end), start + 1, slop));
        return i;
    }

    private static int lexWord(String s, int start, List<Token> out) {
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '(' || c == ')' || c == '"'
                    || c == '\u201C' || c == '\u201D' || c == '\u00AB' || c == '\u00BB') {
                break;
            }
            if (c == '~') {
                throw new QueryParseException(i + 1,
                        "'~' goes right after a closing quote, like \"service client\"~5");
            }
            if (c == ':' && i > start) {
                String name = s.substring(start, i);
                if (name.chars().allMatch(ch -> ch < 0x80 && Character.isLetter(ch))) {
                    Optional<QueryField> field = QueryField.byPrefix(name);
                    if (field.isEmpty()) {
                        throw new QueryParseException(start + 1, "unknown field '" + name + "'; fields are "
                                + QueryField.names() + " (to search for the text itself, put it in quotes)");
                    }
                    if (i + 1 >= s.length() || Character.isWhitespace(s.charAt(i + 1))
                            || s.charAt(i + 1) == ')') {
                        throw new QueryParseException(i + 2, EXPECTED_OPERAND + " right after '"
                                + name + ":'");
                    }
                    out.add(new Token(Kind.FIELD, field.get().prefix(), start + 1, 0));
                    return i + 1;
                }
            }
            i++;
        }
        String text = s.substring(start, i);
        Kind kind = switch (text) {
            case "AND", "&&" -> Kind.AND;
            case "OR", "||" -> Kind.OR;
            case "NOT" -> Kind.NOT;
            default -> Kind.WORD;
        };
        if (kind == Kind.WORD && text.startsWith("NEAR")) {
            if (text.startsWith("NEAR/")) {
                int distance = number(s, start + 5, i, "expected a distance after NEAR/, like NEAR/5");
                out.add(new Token(Kind.NEAR, text, start + 1, distance));
                return i;
            }
            if (text.equals("NEAR")) {
                throw new QueryParseException(start + 1, "NEAR needs a distance in words, like NEAR/5");
            }
        }
        out.add(new Token(kind, text, start + 1, 0));
        return i;
    }

    private static int number(String s, int from, int to, String message) {
        if (from >= to) {
            throw new QueryParseException(from + 1, message);
        }
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new QueryParseException(k + 1, message);
            }
        }
        if (to - from > 3 || Integer.parseInt(s.substring(from, to)) > MAX_DISTANCE) {
            throw new QueryParseException(from + 1, "a distance of at most " + MAX_DISTANCE + " words is allowed");
        }
        return Integer.parseInt(s.substring(from, to));
    }
}
