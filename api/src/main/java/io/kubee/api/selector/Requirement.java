package io.kubee.api.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One term of a label selector: a key, an operator and the values it compares with
 * ({@code labels.Requirement}). Build them through {@link LabelSelector}, which validates keys and
 * values; a record built directly is not checked.
 *
 * @param key      a qualified label key
 * @param operator how the label is compared
 * @param values   the values, in the order given (empty for Exists and DoesNotExist)
 */
public record Requirement(String key, Operator operator, List<String> values) {

  public Requirement {
    values = List.copyOf(values);
  }

  /** Whether a set of labels satisfies this requirement; {@code labels} may be empty, not null. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.get(key);
    boolean has = actual != null || labels.containsKey(key);
    return switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(actual);
      case NOT_IN, NOT_EQUALS -> !has || !values.contains(actual);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
      case GREATER_THAN, LESS_THAN -> has && compare(actual);
    };
  }

  private boolean compare(String actual) {
    if (values.size() != 1) {
      return false;
    }
    try {
      long have = Long.parseLong(actual);
      long want = Long.parseLong(values.get(0));
      return operator == Operator.GREATER_THAN ? have > want : have < want;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The requirement in selector syntax, values sorted: {@code tier in (a,b)}, {@code !beta}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (operator == Operator.DOES_NOT_EXIST) {
      b.append('!');
    }
    b.append(key);
    switch (operator) {
      case EQUALS -> b.append('=');
      case DOUBLE_EQUALS -> b.append("==");
      case NOT_EQUALS -> b.append("!=");
      case IN -> b.append(" in ");
      case NOT_IN -> b.append(" notin ");
      case GREATER_THAN -> b.append('>');
      case LESS_THAN -> b.append('<');
      case EXISTS, DOES_NOT_EXIST -> {
        return b.toString();
      }
    }
    boolean set = operator == Operator.IN || operator == Operator.NOT_IN;
    if (set) {
      b.append('(');
    }
    List<String> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    b.append(String.join(",", sorted));
    if (set) {
      b.append(')');
    }
    return b.toString();
  }
}
