package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static io.kubee.api.validation.Messages.NAME_PART;

import io.kubee.api.defaults.Defaulter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class WorkloadValidationTest {
  private static final String SELECTOR = "selector: {matchLabels: {app: web}}";
  private static final String TEMPLATE = "template: {metadata: {labels: {app: web}},"
      + " spec: {containers: [{name: c, image: busybox}]}}";
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String plural, String spec, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String spec(String... parts) {
    return "{" + String.join(", ", parts) + "}";
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a deployment is valid", "deployments", spec(SELECTOR, TEMPLATE), List.of()),
        new Case("a selector is required", "deployments", spec(TEMPLATE), List.of(
            "spec.selector|FieldValueRequired|Required value",
            "spec.template.metadata.labels|FieldValueInvalid|Invalid value: {\"app\":\"web\"}:"
                + " `selector` does not match template `labels`")),
        new Case("an empty selector is invalid", "deployments", spec("selector: {}", TEMPLATE),
            List.of("spec.selector|FieldValueInvalid|Invalid value: {}: empty selector is invalid"
                + " for deployment")),
        new Case("the selector must match the template labels", "deployments",
            spec("selector: {matchLabels: {app: api}}", TEMPLATE),
            List.of("spec.template.metadata.labels|FieldValueInvalid|Invalid value:"
                + " {\"app\":\"web\"}: `selector` does not match template `labels`")),
        new Case("selector expressions are checked", "deployments",
            spec("selector: {matchExpressions: [{key: app, operator: In}]}", TEMPLATE), List.of(
                "spec.selector.matchExpressions[0].values|FieldValueRequired|Required value: must"
                    + " be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector|FieldValueInvalid|Invalid value: {*}: invalid label selector")),
        new Case("replicas may not be negative", "deployments",
            spec("replicas: -1", SELECTOR, TEMPLATE),
            List.of("spec.replicas|FieldValueInvalid|Invalid value: -1: must be greater than or"
                + " equal to 0")),
        new Case("templates restart Always", "deployments", spec(SELECTOR,
            "template: {metadata: {labels: {app: web}}, spec: {restartPolicy: OnFailure,"
                + " containers: [{name: c, image: busybox}]}}"),
            List.of("spec.template.spec.restartPolicy|FieldValueNotSupported|Unsupported value:"
                + " \"OnFailure\": supported values: \"Always\"")),
        new Case("templates take no active deadline", "deployments", spec(SELECTOR,
            "template: {metadata: {labels: {app: web}}, spec: {activeDeadlineSeconds: 10,"
                + " containers: [{name: c, image: busybox}]}}"),
            List.of("spec.template.spec.activeDeadlineSeconds|FieldValueForbidden|Forbidden:"
                + " activeDeadlineSeconds in ReplicaSet is not Supported")),
        new Case("template labels and pod specs are checked", "deployments", spec(SELECTOR,
            "template: {metadata: {labels: {app: web, 'bad key': x}}, spec: {containers: []}}"),
            List.of("spec.template.labels|FieldValueInvalid|Invalid value: \"bad key\": "
                    + NAME_PART,
                "spec.template.spec.containers|FieldValueRequired|Required value")),
        new Case("a rollout may not be stuck", "deployments", spec(SELECTOR, TEMPLATE,
            "strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}"),
            List.of("spec.strategy.rollingUpdate.maxUnavailable|FieldValueInvalid|Invalid value:"
                + " 0: may not be 0 when `maxSurge` is 0")),
        new Case("rollout percentages are checked", "deployments", spec(SELECTOR, TEMPLATE,
            "strategy: {rollingUpdate: {maxUnavailable: 120%, maxSurge: abc}}"), List.of(
                "spec.strategy.rollingUpdate.maxSurge|FieldValueInvalid|Invalid value: \"abc\": a"
                    + " valid percent string must be a numeric string followed by an ending '%'"
                    + " (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.strategy.rollingUpdate.maxUnavailable|FieldValueInvalid|Invalid value:"
                    + " \"120%\": must not be greater than 100%")),
        new Case("the strategy type is an enumeration", "deployments",
            spec(SELECTOR, TEMPLATE, "strategy: {type: BlueGreen}"),
            List.of("spec.strategy|FieldValueNotSupported|Unsupported value:"
                + " {\"type\":\"BlueGreen\"}: supported values: \"Recreate\", \"RollingUpdate\"")),
        new Case("recreate takes no rolling update", "deployments",
            spec(SELECTOR, TEMPLATE, "strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}"),
            List.of("spec.strategy.rollingUpdate|FieldValueForbidden|Forbidden: may not be"
                + " specified when strategy `type` is 'Recreate'")),
        new Case("the progress deadline must exceed min ready seconds", "deployments",
            spec(SELECTOR, TEMPLATE, "minReadySeconds: 600", "progressDeadlineSeconds: 600"),
            List.of("spec.progressDeadlineSeconds|FieldValueInvalid|Invalid value: 600: must be"
                + " greater than minReadySeconds")),
        new Case("the revision history limit is not negative", "deployments",
            spec(SELECTOR, TEMPLATE, "revisionHistoryLimit: -1"),
            List.of("spec.revisionHistoryLimit|FieldValueInvalid|Invalid value: -1: must be"
                + " greater than or equal to 0")),
        new Case("a replica set is valid", "replicasets", spec(SELECTOR, TEMPLATE), List.of()),
        new Case("a replica set's empty selector is reported in the deployment's words",
            "replicasets", spec("selector: {}", TEMPLATE),
            List.of("spec.selector|FieldValueInvalid|Invalid value: {}: empty selector is invalid"
                + " for deployment")),
        new Case("a replica set's min ready seconds are not negative", "replicasets",
            spec(SELECTOR, TEMPLATE, "minReadySeconds: -1"),
            List.of("spec.minReadySeconds|FieldValueInvalid|Invalid value: -1: must be greater"
                + " than or equal to 0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesWorkloads(Case c) {
    ObjectNode obj = yaml("metadata: {name: web, namespace: default}\nspec: " + c.spec());
    Defaulter.apply(type(c.plural()), obj);
    assertCauses(validator.validateCreate(type(c.plural()), obj), c.causes());
  }
}
