package io.kubee.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class DefaultTolerationSecondsTest {
  private static final ResourceType PODS =
      ResourceRegistry.builtin().lookup("", "v1", "pods").orElseThrow();
  private static final String NOT_READY = "{\"key\":\"node.kubernetes.io/not-ready\","
      + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}";
  private static final String UNREACHABLE = "{\"key\":\"node.kubernetes.io/unreachable\","
      + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}";

  record Case(String name, String tolerations, Operation operation, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a pod without tolerations gets both for 300 s", null, Operation.CREATE,
            "[" + NOT_READY + "," + UNREACHABLE + "]"),
        new Case("a pod tolerating not-ready gets only unreachable",
            "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\"}]",
            Operation.CREATE, "[{\"key\":\"node.kubernetes.io/not-ready\","
                + "\"operator\":\"Exists\"}," + UNREACHABLE + "]"),
        new Case("a toleration of every NoExecute taint needs nothing more",
            "[{\"operator\":\"Exists\",\"effect\":\"NoExecute\"}]", Operation.CREATE,
            "[{\"operator\":\"Exists\",\"effect\":\"NoExecute\"}]"),
        new Case("a NoSchedule toleration does not count",
            "[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoSchedule\"}]", Operation.CREATE,
            "[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoSchedule\"}," + NOT_READY + "," + UNREACHABLE + "]"),
        new Case("updates are left alone", null, Operation.UPDATE, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void addsTheDefaultTolerations(Case c) {
    String json = "{\"spec\":{" + (c.tolerations() == null ? ""
        : "\"tolerations\":" + c.tolerations()) + "}}";
    ObjectNode pod = Codec.INSTANCE.parseObject(json.getBytes(StandardCharsets.UTF_8),
        Format.JSON);
    new DefaultTolerationSeconds().admit(new AdmissionRequest(c.operation(), PODS, "",
        "default", "p", pod, null, UserInfo.SYSTEM, false));
    assertThat(pod.path("spec").has("tolerations") ? pod.path("spec").get("tolerations")
        .toString() : null).isEqualTo(c.want());
  }
}
