package io.kubee.api.apply;

import static io.kubee.api.testing.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubee.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The fieldManager and force options, and the body of an apply patch. */
class FieldManagersTest {

  record Manager(String name, String fieldManager, String userAgent, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Manager> managers() {
    return Stream.of(
        new Manager("the request's field manager wins", "kubectl-edit",
            "kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd", "kubectl-edit"),
        new Manager("else the user agent up to its first slash", null,
            "kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd", "kubectl"),
        new Manager("fabric8's user agent", "", "fabric8-kubernetes-client/8.0.0",
            "fabric8-kubernetes-client"),
        new Manager("a user agent without a slash is kept whole", null, "curl 8.5", "curl 8.5"),
        new Manager("unprintable characters are dropped", null, "my\tagent\u0007/1", "myagent"),
        new Manager("no user agent gives no manager (recorded as unknown)", null, null, ""),
        new Manager("a long user agent is cut to 128 bytes", null, "a".repeat(200) + "/1",
            "a".repeat(128)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("managers")
  void namesTheManagerAsKubernetesDoes(Manager c) {
    assertThat(FieldManagers.managerOrUserAgent(c.fieldManager(), c.userAgent()))
        .isEqualTo(c.want());
  }

  @Test
  void aCutUserAgentNeverSplitsACharacter() {
    String agent = "é".repeat(100);
    String manager = FieldManagers.prefixFromUserAgent(agent);
    assertThat(manager.getBytes(StandardCharsets.UTF_8)).hasSize(128);
  }

  record Options(String name, String fieldManager, boolean apply, boolean force, String message,
      List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Options> invalidOptions() {
    return Stream.of(
        new Options("an apply without a manager", "", true, false,
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is "
                + "required for apply patch",
            List.of("fieldManager|FieldValueRequired|Required value: is required for apply "
                + "patch")),
        new Options("force on a merge patch", "", false, true,
            "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified "
                + "for non-apply patch",
            List.of("force|FieldValueForbidden|Forbidden: may not be specified for non-apply "
                + "patch")),
        new Options("a manager over 128 bytes", "m".repeat(129), true, false,
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be "
                + "more than 128 bytes",
            List.of("fieldManager|FieldValueTooLong|Too long: may not be more than 128 bytes")),
        new Options("a manager with a tab", "a\tb", true, false,
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Invalid value: "
                + "\"a\\tb\": invalid character U+0009 (at position 1)",
            null));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("invalidOptions")
  void refusesInvalidPatchOptions(Options c) {
    ApiException error = catchThrowableOfType(ApiException.class,
        () -> FieldManagers.validatePatchOptions(c.fieldManager(), c.apply(), c.force()));
    assertThat(error.code()).isEqualTo(422);
    assertThat(error.getMessage()).isEqualTo(c.message());
    assertThat(error.status().getDetails().getKind()).isEqualTo("PatchOptions");
    assertThat(error.status().getDetails().getGroup()).isEqualTo("meta.k8s.io");
    if (c.causes() != null) {
      assertThat(lines(error.status().getDetails().getCauses()))
          .containsExactlyElementsOf(c.causes());
    }
  }

  @Test
  void validOptionsPass() {
    assertThatCode(() -> {
      FieldManagers.validatePatchOptions("kubectl", true, true);
      FieldManagers.validatePatchOptions("", false, false);
      FieldManagers.validateCreateOptions("");
      FieldManagers.validateUpdateOptions("kubectl-edit");
    }).doesNotThrowAnyException();
    ApiException error = catchThrowableOfType(ApiException.class,
        () -> FieldManagers.validateCreateOptions("x".repeat(200)));
    assertThat(error.getMessage()).startsWith("CreateOptions.meta.k8s.io \"\" is invalid: ");
  }

  @Test
  void forceIsABooleanParameterAsKubernetesDecodesOne() {
    assertThat(FieldManagers.parseForce(null)).isFalse();
    for (String no : List.of("false", "False", "0", "f", "n", "NO")) {
      assertThat(FieldManagers.parseForce(no)).as(no).isFalse();
    }
    for (String yes : List.of("true", "1", "yes", "")) {
      assertThat(FieldManagers.parseForce(yes)).as(yes).isTrue();
    }
  }

  @Test
  void anApplyPatchIsYamlOrJson() {
    ObjectNode fromYaml = ApplyPatch.parse(("apiVersion: v1\nkind: ConfigMap\n"
        + "metadata:\n  name: cm\ndata:\n  a: '1'\n").getBytes(StandardCharsets.UTF_8));
    ObjectNode fromJson = ApplyPatch.parse(("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"name\":\"cm\"},\"data\":{\"a\":\"1\"}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(fromYaml).isEqualTo(fromJson);
    assertThat(ApplyPatch.parse(new byte[0]).isEmpty()).isTrue();
    assertThat(ApplyPatch.isApplyPatch("application/apply-patch+yaml; charset=utf-8")).isTrue();
    assertThat(ApplyPatch.isApplyPatch("application/merge-patch+json")).isFalse();
    ApiException error = catchThrowableOfType(ApiException.class,
        () -> ApplyPatch.parse("[1, 2]".getBytes(StandardCharsets.UTF_8)));
    assertThat(error.code()).isEqualTo(400);
    assertThat(error.getMessage()).startsWith("error decoding YAML: ");
  }
}
