package io.kubee.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.ApiException;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PriorityTest {
  private static final ResourceRegistry REGISTRY = ResourceRegistry.builtin();
  private static final ResourceType PODS = REGISTRY.lookup("", "v1", "pods").orElseThrow();
  private static final ResourceType CLASSES =
      REGISTRY.lookup("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();

  static ObjectNode json(String s) {
    return Codec.INSTANCE.parseObject(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8),
        Format.JSON);
  }

  static Priority.PriorityClassLookup classes(ObjectNode... pcs) {
    return new Priority.PriorityClassLookup() {
      @Override
      public Optional<ObjectNode> find(String name) {
        return Stream.of(pcs).filter(p -> p.path("metadata").path("name").asString()
            .equals(name)).findFirst();
      }

      @Override
      public List<ObjectNode> all() {
        return List.of(pcs);
      }
    };
  }

  static final ObjectNode HIGH = json("{'metadata':{'name':'high'},'value':1000,"
      + "'preemptionPolicy':'PreemptLowerPriority'}");
  static final ObjectNode POLITE = json("{'metadata':{'name':'polite'},'value':500,"
      + "'preemptionPolicy':'Never'}");
  static final ObjectNode DEFAULT = json("{'metadata':{'name':'normal'},'value':10,"
      + "'globalDefault':true,'preemptionPolicy':'PreemptLowerPriority'}");

  record Case(String name, Priority.PriorityClassLookup classes, String spec, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a class name resolves to its value and policy", classes(HIGH, DEFAULT),
            "{'priorityClassName':'high'}", "{'priorityClassName':'high','priority':1000,"
                + "'preemptionPolicy':'PreemptLowerPriority'}"),
        new Case("a Never class gives Never", classes(POLITE), "{'priorityClassName':'polite'}",
            "{'priorityClassName':'polite','priority':500,'preemptionPolicy':'Never'}"),
        new Case("no class name takes the global default", classes(HIGH, DEFAULT), "{}",
            "{'priorityClassName':'normal','priority':10,'preemptionPolicy':'PreemptLowerPriority'}"),
        new Case("without a default the priority is 0", classes(HIGH), "{}",
            "{'priority':0,'preemptionPolicy':'PreemptLowerPriority'}"),
        new Case("system classes resolve before they are stored", classes(),
            "{'priorityClassName':'system-node-critical'}", "{'priorityClassName':"
                + "'system-node-critical','priority':2000001000,"
                + "'preemptionPolicy':'PreemptLowerPriority'}"),
        new Case("a missing class is forbidden", classes(HIGH), "{'priorityClassName':'nope'}",
            "pods \"p\" is forbidden: no PriorityClass with name nope was found"),
        new Case("a priority that disagrees with the class is forbidden", classes(HIGH),
            "{'priorityClassName':'high','priority':5}", "pods \"p\" is forbidden: the integer "
                + "value of priority (5) must not be provided in pod spec; priority admission "
                + "controller computed 1000 from the given PriorityClass name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesNewPods(Case c) {
    ObjectNode pod = json("{'spec':" + c.spec() + "}");
    ApiException refused = catchThrowableOfType(ApiException.class, () -> new Priority(c.classes())
        .admit(new AdmissionRequest(Operation.CREATE, PODS, "", "default", "p", pod, null,
            UserInfo.SYSTEM, false)));
    String got = refused != null ? refused.getMessage() : pod.get("spec").toString();
    assertThat(got).isEqualTo(c.want().startsWith("pods") ? c.want()
        : json(c.want()).toString());
  }

  @Test
  void anUpdateKeepsThePriorityOfTheCreation() {
    ObjectNode old = json("{'spec':{'priority':1000,'preemptionPolicy':'Never'}}");
    ObjectNode pod = json("{'spec':{}}");
    new Priority(classes()).admit(new AdmissionRequest(Operation.UPDATE, PODS, "", "default", "p",
        pod, old, UserInfo.SYSTEM, false));
    assertThat(pod.get("spec").toString()).isEqualTo(old.get("spec").toString());
  }

  @Test
  void onlyOneClassIsTheGlobalDefault() {
    ObjectNode second = json("{'metadata':{'name':'another'},'value':1,'globalDefault':true}");
    ApiException refused = catchThrowableOfType(ApiException.class, () -> new Priority(
        classes(DEFAULT)).admit(new AdmissionRequest(Operation.CREATE, CLASSES, "", "",
        "another", second, null, UserInfo.SYSTEM, false)));
    assertThat(refused.getMessage()).isEqualTo("priorityclasses.scheduling.k8s.io \"another\" is "
        + "forbidden: PriorityClass normal is already marked as default. Only one default can "
        + "exist");
    new Priority(classes(DEFAULT)).admit(new AdmissionRequest(Operation.UPDATE, CLASSES, "", "",
        "normal", DEFAULT.deepCopy(), DEFAULT, UserInfo.SYSTEM, false));
  }
}
