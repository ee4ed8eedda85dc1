package io.kubee.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Lexer and recursive-descent parser of the label selector query syntax, reporting errors in the
 * words of {@code k8s.io/apimachinery/pkg/labels/selector.go}:
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")"
 *                             | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
 * </pre>
 * Whitespace separates tokens; "in" and "notin" are identifiers where a value is expected.
 */
final class LabelSelectorParser {

  private enum Token {
    ERROR, END, CLOSE_PAREN, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GREATER, IDENTIFIER, IN, LESS,
    NOT_EQUALS, NOT_IN, OPEN_PAREN
  }

  private record Item(Token token, String literal) {}

  /** Thrown internally; becomes the 400's message. */
  static final class ParseError extends Exception {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  private final String input;
  private final List<Item> items = new ArrayList<>();
  private int position;

  private LabelSelectorParser(String input) {
    this.input = input;
  }

  static List<Requirement> parse(String selector) throws ParseError {
    LabelSelectorParser p = new LabelSelectorParser(selector);
    p.scan();
    return p.parseSelector();
  }

  // ---- lexer ----

  private void scan() {
    int pos = 0;
    while (true) {
      while (pos < input.length() && isWhitespace(input.charAt(pos))) {
        pos++;
      }
      if (pos >= input.length()) {
        items.add(new Item(Token.END, ""));
        return;
      }
      char c = input.charAt(pos);
      if (isSpecial(c)) {
        pos = scanSpecial(pos);
      } else {
        int start = pos;
        while (pos < input.length() && !isSpecial(input.charAt(pos))
            && !isWhitespace(input.charAt(pos))) {
          pos++;
        }
        String word = input.substring(start, pos);
        Token keyword = switch (word) {
          case "in" -> Token.IN;
          case "notin" -> Token.NOT_IN;
          default -> Token.IDENTIFIER;
        };
        items.add(new Item(keyword, word));
      }
    }
  }

  /** The longest run of special characters that still forms an operator. */
  private int scanSpecial(int start) {
    Item last = null;
    int pos = start;
    int lastEnd = start;
    while (pos < input.length() && isSpecial(input.charAt(pos))) {
      Token t = symbol(input.substring(start, pos + 1));
      if (t != null) {
        last = new Item(t, input.substring(start, pos + 1));
        lastEnd = pos + 1;
      } else if (last != null) {
        break;
      }
      pos++;
    }
    if (last == null) {
      items.add(new Item(Token.ERROR, "error expected: keyword found '"
          + input.substring(start, pos) + "'"));
      return pos;
    }
    items.add(last);
    return lastEnd;
  }

  private static Token symbol(String s) {
    return switch (s) {
      case ")" -> Token.CLOSE_PAREN;
      case "," -> Token.COMMA;
      case "!" -> Token.NOT;
      case "==" -> Token.DOUBLE_EQUALS;
      case "=" -> Token.EQUALS;
      case ">" -> Token.GREATER;
      case "<" -> Token.LESS;
      case "!=" -> Token.NOT_EQUALS;
      case "(" -> Token.OPEN_PAREN;
      default -> null;
    };
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  // ---- parser ----

  /** In value position the keywords "in" and "notin" are plain identifiers. */
  private Item lookaheadValue() {
    return asValue(items.get(position));
  }

  private Item consumeValue() {
    return asValue(items.get(position++));
  }

  private Item consumeOperator() {
    return items.get(position++);
  }

  private static Item asValue(Item item) {
    return item.token() == Token.IN || item.token() == Token.NOT_IN
        ? new Item(Token.IDENTIFIER, item.literal()) : item;
  }

  private List<Requirement> parseSelector() throws ParseError {
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      Item next = lookaheadValue();
      switch (next.token()) {
        case IDENTIFIER, NOT -> {
          Requirement r;
          try {
            r = parseRequirement();
          } catch (ParseError e) {
            throw new ParseError("unable to parse requirement: " + e.getMessage());
          }
          requirements.add(r);
          Item after = consumeValue();
          switch (after.token()) {
            case END -> {
              return requirements;
            }
            case COMMA -> {
              Item following = lookaheadValue();
              if (following.token() != Token.IDENTIFIER && following.token() != Token.NOT) {
                throw new ParseError("found '" + following.literal()
                    + "', expected: identifier after ','");
              }
            }
            default -> throw new ParseError("found '" + after.literal()
                + "', expected: ',' or 'end of string'");
          }
        }
        case END -> {
          return requirements;
        }
        default -> throw new ParseError("found '" + next.literal()
            + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private Requirement parseRequirement() throws ParseError {
    Operator op = null;
    Item item = consumeValue();
    if (item.token() == Token.NOT) {
      op = Operator.DOES_NOT_EXIST;
      item = consumeValue();
    }
    if (item.token() != Token.IDENTIFIER) {
      throw new ParseError("found '" + item.literal() + "', expected: identifier");
    }
    String key = item.literal();
    String keyError = LabelSelector.keyError(key, "<nil>");
    if (keyError != null) {
      throw new ParseError(keyError);
    }
    Token next = lookaheadValue().token();
    if (next == Token.END || next == Token.COMMA) {
      if (op == null) {
        op = Operator.EXISTS;
      }
    }
    if (op == Operator.EXISTS || op == Operator.DOES_NOT_EXIST) {
      return LabelSelector.requirement(key, op, List.of());
    }
    op = parseOperator();
    List<String> values = switch (op) {
      case IN, NOT_IN -> parseValues();
      default -> parseExactValue();
    };
    return LabelSelector.requirement(key, op, values);
  }

  private Operator parseOperator() throws ParseError {
    Item item = consumeOperator();
    return switch (item.token()) {
      case IN -> Operator.IN;
      case EQUALS -> Operator.EQUALS;
      case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
      case GREATER -> Operator.GREATER_THAN;
      case LESS -> Operator.LESS_THAN;
      case NOT_IN -> Operator.NOT_IN;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      default -> throw new ParseError("found '" + item.literal()
          + "', expected: in, notin, =, ==, !=, gt, lt");
    };
  }

  /** {@code (a,b,c)}; empty members are "" and the set is returned sorted, as Go's sets.String. */
  private List<String> parseValues() throws ParseError {
    Item open = consumeValue();
    if (open.token() != Token.OPEN_PAREN) {
      throw new ParseError("found '" + open.literal() + "' expected: '('");
    }
    Item next = lookaheadValue();
    switch (next.token()) {
      case IDENTIFIER, COMMA -> {
        TreeSet<String> values = parseIdentifiers();
        if (consumeValue().token() != Token.CLOSE_PAREN) {
          throw new ParseError("found '" + next.literal() + "', expected: ')'");
        }
        return new ArrayList<>(values);
      }
      case CLOSE_PAREN -> {
        consumeValue();
        return List.of("");
      }
      default -> throw new ParseError("found '" + next.literal()
          + "', expected: ',', ')' or identifier");
    }
  }

  private TreeSet<String> parseIdentifiers() throws ParseError {
    TreeSet<String> values = new TreeSet<>();
    while (true) {
      Item item = consumeValue();
      switch (item.token()) {
        case IDENTIFIER -> {
          values.add(item.literal());
          Item next = lookaheadValue();
          if (next.token() == Token.CLOSE_PAREN) {
            return values;
          }
          if (next.token() != Token.COMMA) {
            throw new ParseError("found '" + next.literal() + "', expected: ',' or ')'");
          }
        }
        case COMMA -> {
          if (values.isEmpty()) {
            values.add(""); // "(,"
          }
          Token next = lookaheadValue().token();
          if (next == Token.CLOSE_PAREN) {
            values.add(""); // ",)"
            return values;
          }
          if (next == Token.COMMA) {
            consumeValue();
            values.add(""); // ",,"
          }
        }
        default -> throw new ParseError("found '" + item.literal()
            + "', expected: ',', or identifier");
      }
    }
  }

  private List<String> parseExactValue() throws ParseError {
    Token next = lookaheadValue().token();
    if (next == Token.END || next == Token.COMMA) {
      return List.of("");
    }
    Item item = consumeValue();
    if (item.token() == Token.IDENTIFIER) {
      return List.of(item.literal());
    }
    throw new ParseError("found '" + item.literal() + "', expected: identifier");
  }
}
