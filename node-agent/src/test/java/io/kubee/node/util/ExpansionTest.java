package io.kubee.node.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** $(VAR) expansion as Kubernetes does it in command, args and env. */
class ExpansionTest {
  static final Map<String, String> VARS = Map.of("NAME", "web", "PORT", "8080", "EMPTY", "");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "$(NAME)|web",
      "http://$(NAME):$(PORT)/|http://web:8080/",
      "$(MISSING)|$(MISSING)",
      "$$(NAME)|$(NAME)",
      "$$|$",
      "cost $5|cost $5",
      "$(NAME|$(NAME",
      "a$(EMPTY)b|ab",
      "$()|$()",
      "tail $|tail $"})
  void expands(String input, String expected) {
    assertThat(Expansion.expand(input, VARS::get)).isEqualTo(expected);
  }
}
