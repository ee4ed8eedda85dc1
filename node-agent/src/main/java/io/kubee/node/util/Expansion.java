package io.kubee.node.util;

import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion in command, args and env values
 * (k8s.io/kubernetes {@code third_party/forked/golang/expansion/expand.go}): {@code $(NAME)}
 * becomes the variable's value when it is defined and stays as written when not; {@code $$}
 * is a literal {@code $}.
 */
public final class Expansion {
  private Expansion() {}

  /** @param mapping a variable's value, or null when undefined */
  public static String expand(String input, Function<String, String> mapping) {
    if (input == null || input.indexOf('$') < 0) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          // no closing parenthesis: the rest is literal
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = name.isEmpty() ? null : mapping.apply(name);
        out.append(value != null ? value : "$(" + name + ")");
        i = close + 1;
      } else {
        out.append(c).append(next);
        i += 2;
      }
    }
    return out.toString();
  }
}
