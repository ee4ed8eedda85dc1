package io.kubee.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class GarbageCollectionFinalizersTest {
  private static final ResourceRegistry REGISTRY = ResourceRegistry.builtin();

  /** A DELETE of an object with {@code finalizers} under {@code policy}; null: unchanged. */
  record Case(String name, String plural, List<String> finalizers, String policy,
      List<String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("background leaves nothing to the collector", "replicasets", List.of(),
            "Background", null),
        new Case("no policy deletes an apps/v1 object's dependents in the background",
            "deployments", List.of(), "", null),
        new Case("foreground adds foregroundDeletion", "deployments", List.of(), "Foreground",
            List.of("foregroundDeletion")),
        new Case("orphan adds orphan after the object's own finalizers", "replicasets",
            List.of("example.com/keep"), "Orphan", List.of("example.com/keep", "orphan")),
        new Case("a replication controller orphans by default", "replicationcontrollers",
            List.of(), "", List.of("orphan")),
        new Case("background removes an orphan finalizer set earlier", "replicasets",
            List.of("orphan"), "Background", List.of()),
        new Case("foreground replaces orphan", "replicasets", List.of("orphan"), "Foreground",
            List.of("foregroundDeletion")),
        new Case("without a policy the finalizer already there decides", "deployments",
            List.of("foregroundDeletion"), "", null),
        new Case("events take no part in garbage collection", "events", List.of(),
            "Foreground", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finalizersAfterDelete(Case c) {
    ResourceType type = REGISTRY.all().stream().filter(t -> t.plural().equals(c.plural()))
        .findFirst().orElseThrow();
    ObjectNode object = Codec.INSTANCE.newObject();
    ArrayNode finalizers = object.putObject("metadata").putArray("finalizers");
    c.finalizers().forEach(finalizers::add);
    assertThat(GarbageCollectionFinalizers.afterDelete(type, object, c.policy()))
        .isEqualTo(c.want());
  }
}
