package io.kubee.api.selector;

/**
 * The operators of a label selector requirement, spelled as in the query-string syntax
 * ({@code k8s.io/apimachinery/pkg/selection/operator.go}).
 */
public enum Operator {
  IN("in"),
  NOT_IN("notin"),
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  GREATER_THAN("gt"),
  LESS_THAN("lt"),
  EXISTS("exists"),
  DOES_NOT_EXIST("!");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** Kubernetes' name of the operator ("in", "=", "gt", "!"). */
  public String symbol() {
    return symbol;
  }
}
