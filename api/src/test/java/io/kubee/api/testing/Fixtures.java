package io.kubee.api.testing;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Test objects written as YAML, and the built-in resource types by plural. */
public final class Fixtures {
  private Fixtures() {}

  private static final ResourceRegistry REGISTRY = ResourceRegistry.builtin();

  public static ObjectNode yaml(String text) {
    return Codec.INSTANCE.parseObject(text.getBytes(StandardCharsets.UTF_8), Format.YAML);
  }

  /** A built-in type by plural ("pods", "deployments"). */
  public static ResourceType type(String plural) {
    return REGISTRY.all().stream().filter(t -> t.plural().equals(plural)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(plural));
  }

  /** A cause as one line, "field|reason|message", for readable expectations. */
  public static String line(StatusCause c) {
    return c.getField() + "|" + c.getReason() + "|" + c.getMessage();
  }

  public static List<String> lines(List<StatusCause> causes) {
    return causes.stream().map(Fixtures::line).toList();
  }

  /**
   * Asserts the causes, in order, as "field|reason|message" lines; a '*' in an expected line
   * stands for any text (for values rendered as long JSON).
   */
  public static void assertCauses(List<StatusCause> causes, List<String> expected) {
    List<String> actual = lines(causes);
    org.assertj.core.api.Assertions.assertThat(actual).as("causes").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String want = expected.get(i);
      if (want.contains("*")) {
        String regex = java.util.Arrays.stream(want.split("\\*", -1))
            .map(java.util.regex.Pattern::quote)
            .collect(java.util.stream.Collectors.joining("(?s).*"));
        org.assertj.core.api.Assertions.assertThat(actual.get(i)).as("cause %d", i)
            .matches(regex);
      } else {
        org.assertj.core.api.Assertions.assertThat(actual.get(i)).as("cause %d", i)
            .isEqualTo(want);
      }
    }
  }
}
