package io.kubee.apiserver.registry.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodStrategyTest {

  record Case(String name, String spec, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no resources is BestEffort", "{'containers':[{'name':'a'}]}", "BestEffort"),
        new Case("limits equal to requests on cpu and memory is Guaranteed",
            "{'containers':[{'name':'a','resources':{'limits':{'cpu':'1','memory':'1Gi'},"
                + "'requests':{'cpu':'1000m','memory':'1024Mi'}}}]}", "Guaranteed"),
        new Case("limits alone are Guaranteed (requests default to them)",
            "{'containers':[{'name':'a','resources':{'limits':{'cpu':'500m','memory':'64Mi'}}}]}",
            "Guaranteed"),
        new Case("requests below limits are Burstable",
            "{'containers':[{'name':'a','resources':{'limits':{'cpu':'1','memory':'1Gi'},"
                + "'requests':{'cpu':'500m','memory':'1Gi'}}}]}", "Burstable"),
        new Case("a cpu request alone is Burstable",
            "{'containers':[{'name':'a','resources':{'requests':{'cpu':'100m'}}}]}", "Burstable"),
        new Case("one container without limits makes the pod Burstable",
            "{'containers':[{'name':'a','resources':{'limits':{'cpu':'1','memory':'1Gi'}}},"
                + "{'name':'b','resources':{'requests':{'memory':'1Gi'}}}]}", "Burstable"),
        new Case("init containers count too",
            "{'initContainers':[{'name':'i','resources':{'requests':{'cpu':'1'}}}],"
                + "'containers':[{'name':'a'}]}", "Burstable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesTheQosClass(Case c) {
    var spec = Codec.INSTANCE.parseObject(
        c.spec().replace('\'', '"').getBytes(StandardCharsets.UTF_8), Format.JSON);
    assertThat(PodStrategy.qosClass(spec)).isEqualTo(c.want());
  }
}
