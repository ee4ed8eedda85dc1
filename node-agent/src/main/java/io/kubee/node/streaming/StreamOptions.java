package io.kubee.node.streaming;

import java.util.List;
import java.util.Map;

/**
 * What an exec or attach session streams, from the request's query (the kubelet's
 * {@code input}/{@code output}/{@code error}/{@code tty} parameters, or the API's
 * {@code stdin}/{@code stdout}/{@code stderr}/{@code tty}).
 */
public record StreamOptions(List<String> command, boolean stdin, boolean stdout, boolean stderr,
    boolean tty) {

  public static StreamOptions from(Map<String, List<String>> query) {
    return new StreamOptions(
        query.getOrDefault("command", List.of()),
        flag(query, "stdin", "input"),
        flag(query, "stdout", "output"),
        flag(query, "stderr", "error"),
        flag(query, "tty", "tty"));
  }

  private static boolean flag(Map<String, List<String>> query, String name, String alias) {
    for (String key : List.of(name, alias)) {
      List<String> values = query.get(key);
      if (values != null && !values.isEmpty()) {
        String v = values.get(0);
        return v.isEmpty() || v.equals("1") || v.equalsIgnoreCase("true");
      }
    }
    return false;
  }
}
