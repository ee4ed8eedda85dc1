package io.kubee.apiserver.printers;

import io.kubee.api.codec.Codec;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Shared fixtures of the printer tests: a fixed "now", timestamps relative to it, JSON. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ResourceRegistry REGISTRY = ResourceRegistry.builtin();
  private static final Pattern AGO = Pattern.compile("<((?:\\d+[dhms])+)>");
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  private Fixtures() {}

  /**
   * Parses a JSON object literal in which {@code <5m>}, {@code <3h4m>}, {@code <10d>} stand for
   * the timestamp that long before {@link #NOW}.
   */
  static ObjectNode json(String json) {
    Matcher matcher = AGO.matcher(json);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(resolved, NOW.minus(duration(matcher.group(1))).toString());
    }
    matcher.appendTail(resolved);
    JsonNode node = Codec.INSTANCE.json().readTree(resolved.toString());
    return (ObjectNode) node;
  }

  /**
   * {@code node} re-read from its JSON text, so that numbers compare by value (a long cell of 1
   * equals a parsed 1) as they do on the wire.
   */
  static JsonNode normalize(JsonNode node) {
    return Codec.INSTANCE.json().readTree(node.toString());
  }

  /** "3h4m" as a Duration; units d, h, m, s. */
  static Duration duration(String text) {
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofSeconds(amount);
      });
    }
    return total;
  }

  /** A built-in resource type: {@code type("apps", "deployments")}. */
  static ResourceType type(String group, String plural) {
    return REGISTRY.lookup(group, "v1", plural).orElseThrow();
  }

  /** The cells a printer prints for {@code object} at {@link #NOW}. */
  static List<Object> cells(TablePrinter printer, ObjectNode object) {
    return new ArrayList<>(printer.print(object, NOW).cells());
  }
}
