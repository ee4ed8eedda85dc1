package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Assertions on what a user reads from kubectl: whole lines, tables, and objects. */
final class Output {
  /** An AGE cell as kubectl prints it: "0s", "59s", "2m5s", "3h"... */
  static final String AGE = "\\d+[smhdy][0-9smhdy]*";

  private Output() {}

  /**
   * Asserts that {@code output} has exactly one line per pattern, each matching its pattern as a
   * whole. Patterns are regular expressions; {@code "  +"} between table cells stands for
   * kubectl's padding, whose width depends on the longest cell.
   */
  static void assertLines(String output, String... patterns) {
    List<String> lines = output.lines().toList();
    assertThat(lines).as("lines of%n%s", output).hasSize(patterns.length);
    for (int i = 0; i < patterns.length; i++) {
      assertThat(lines.get(i)).as("line %d of%n%s", i + 1, output)
          .matches(Pattern.compile(patterns[i]));
    }
  }

  /** A table row pattern: the cells separated by kubectl's padding (two spaces or more). */
  static String row(String... cells) {
    return String.join(" {2,}", cells);
  }

  /**
   * The places where {@code live} differs from {@code applied}: every field the manifest sets
   * must be in the live object with the same value (lists element by element); fields the server
   * added (defaults, metadata, status) are allowed. Empty when the object reads back as applied.
   */
  static List<String> differences(JsonNode applied, JsonNode live) {
    List<String> differences = new ArrayList<>();
    compare("", applied, live, differences);
    return differences;
  }

  private static void compare(String path, JsonNode applied, JsonNode live,
      List<String> differences) {
    if (live == null || live.isMissingNode()) {
      differences.add(path + ": missing, applied " + applied);
    } else if (applied.isObject()) {
      if (!live.isObject()) {
        differences.add(path + ": " + live + ", applied " + applied);
        return;
      }
      for (Map.Entry<String, JsonNode> field : applied.properties()) {
        compare(path + "/" + field.getKey(), field.getValue(), live.get(field.getKey()),
            differences);
      }
    } else if (applied.isArray()) {
      if (!live.isArray() || live.size() != applied.size()) {
        differences.add(path + ": " + live + ", applied " + applied);
        return;
      }
      for (int i = 0; i < applied.size(); i++) {
        compare(path + "/" + i, applied.get(i), live.get(i), differences);
      }
    } else if (!applied.equals(live)) {
      differences.add(path + ": " + live + ", applied " + applied);
    }
  }
}
