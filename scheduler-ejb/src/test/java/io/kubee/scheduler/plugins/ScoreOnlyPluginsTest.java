package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NodeResourcesBalancedAllocation and ImageLocality: score tables. */
class ScoreOnlyPluginsTest {
  record Case(String name, String plugin, List<NodeInfo> nodes, String cpu, String memory,
      String image, Map<String, Long> want) {
    @Override
    public String toString() {
      return plugin + ": " + name;
    }
  }

  static Node withImage(String name, String image, long bytes) {
    return node(name, "4", "8Gi").editStatus().addToImages(new ContainerImageBuilder()
        .withNames(image).withSizeBytes(bytes).build()).endStatus().build();
  }

  static Stream<Case> cases() {
    long mb = 1024L * 1024;
    return Stream.of(
        new Case("equal cpu and memory shares score 100", NodeResourcesBalancedAllocation.NAME,
            List.of(nodeInfo(node("n", "4", "8Gi").build())), "1", "2Gi", "busybox",
            Map.of("n", 100L)),
        new Case("unequal shares score lower", NodeResourcesBalancedAllocation.NAME,
            List.of(nodeInfo(node("n", "4", "8Gi").build())), "2", "0", "busybox",
            Map.of("n", 75L)),
        new Case("a node holding a big image scores higher, scaled by its spread", ImageLocality.NAME,
            List.of(nodeInfo(withImage("has", "registry.local/app:1", 500 * mb)),
                nodeInfo(node("lacks", "4", "8Gi").build())), null, null,
            "registry.local/app:1", Map.of("has", 23L, "lacks", 0L)),
        new Case("an image without tag matches :latest", ImageLocality.NAME,
            List.of(nodeInfo(withImage("has", "app:latest", 1000 * mb))), null, null, "app",
            Map.of("has", 100L)),
        new Case("images below 23 MiB do not count", ImageLocality.NAME,
            List.of(nodeInfo(withImage("has", "tiny:1", 10 * mb))), null, null, "tiny:1",
            Map.of("has", 0L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void score(Case c) {
    var pod = new PodBuilder(pod("p", c.cpu(), c.memory()).build()).editSpec()
        .editFirstContainer().withImage(c.image()).endContainer().endSpec().build();
    assertThat(Harness.of(c.nodes(), c.plugin()).score(pod)).isEqualTo(c.want());
  }
}
