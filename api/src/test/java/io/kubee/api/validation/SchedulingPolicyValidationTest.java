package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;

import io.kubee.api.defaults.Defaulter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** PriorityClasses and PodDisruptionBudgets, with their defaults. */
class SchedulingPolicyValidationTest {
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String plural, String yaml, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a priority class is valid", "priorityclasses",
            "metadata: {name: high}\nvalue: 1000\n", List.of()),
        new Case("user priorities stop at one billion", "priorityclasses",
            "metadata: {name: huge}\nvalue: 1000000001\n", List.of("value|FieldValueForbidden|"
                + "Forbidden: maximum allowed value of a user defined priority is 1000000000")),
        new Case("system- names are reserved", "priorityclasses",
            "metadata: {name: system-mine}\nvalue: 10\n", List.of("metadata.name|"
                + "FieldValueForbidden|Forbidden: priority class names with 'system-' prefix "
                + "are reserved for system use only. error: system-mine is not a known system "
                + "priority class")),
        new Case("the built-in system classes are valid", "priorityclasses",
            "metadata: {name: system-node-critical}\nvalue: 2000001000\n", List.of()),
        new Case("a bad preemption policy is refused", "priorityclasses",
            "metadata: {name: p}\nvalue: 1\npreemptionPolicy: Sometimes\n", List.of(
                "preemptionPolicy|FieldValueNotSupported|Unsupported value: \"Sometimes\": "
                    + "supported values: \"Never\", \"PreemptLowerPriority\"")),
        new Case("a budget is valid", "poddisruptionbudgets", """
            metadata: {name: web, namespace: default}
            spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
            """, List.of()),
        new Case("a budget with both bounds is refused", "poddisruptionbudgets", """
            metadata: {name: web, namespace: default}
            spec: {minAvailable: 1, maxUnavailable: 1}
            """, List.of("spec|FieldValueInvalid|Invalid value: {*}: minAvailable and "
                + "maxUnavailable cannot be both set")),
        new Case("percentages stop at 100", "poddisruptionbudgets", """
            metadata: {name: web, namespace: default}
            spec: {maxUnavailable: 120%}
            """, List.of("spec.maxUnavailable|FieldValueInvalid|Invalid value: \"120%\": must "
                + "not be greater than 100%")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(Case c) {
    ObjectNode obj = yaml(c.yaml());
    Defaulter.apply(type(c.plural()), obj);
    assertCauses(validator.validateCreate(type(c.plural()), obj), c.causes());
  }

  @Test
  void aPriorityClassDefaultsToPreemptLowerPriorityAndKeepsItsValue() {
    ObjectNode old = yaml("metadata: {name: p}\nvalue: 5\n");
    Defaulter.apply(type("priorityclasses"), old);
    org.assertj.core.api.Assertions.assertThat(old.path("preemptionPolicy").asString())
        .isEqualTo("PreemptLowerPriority");
    ObjectNode changed = yaml("metadata: {name: p}\nvalue: 6\npreemptionPolicy: Never\n");
    assertCauses(validator.validateUpdate(type("priorityclasses"), changed, old), List.of(
        "value|FieldValueForbidden|Forbidden: may not be changed in an update.",
        "preemptionPolicy|FieldValueInvalid|Invalid value: \"Never\": field is immutable"));
  }
}
