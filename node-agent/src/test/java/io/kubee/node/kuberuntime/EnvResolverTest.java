package io.kubee.node.kuberuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubee.node.api.ObjectSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A container's environment as kubelet builds it. */
class EnvResolverTest {
  static final ObjectSource OBJECTS = new ObjectSource() {
    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
      return name.equals("cfg") ? Optional.of(new ConfigMapBuilder().addToData("greeting", "hi")
          .addToData("mode", "fast").build()) : Optional.empty();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
      return name.equals("sec") ? Optional.of(new SecretBuilder().addToData("pw",
          Base64.getEncoder().encodeToString("s3".getBytes(StandardCharsets.UTF_8))).build())
          : Optional.empty();
    }
  };

  static final Pod POD = new PodBuilder().withNewMetadata().withName("web").withNamespace("ns")
      .withUid("u-1").addToLabels("app", "web").endMetadata().withNewSpec().withNodeName("n1")
      .endSpec().build();

  private static Map<String, String> resolve(Container c) throws Exception {
    return new EnvResolver(OBJECTS).resolve(POD, c, List.of("10.0.0.9"), List.of("192.0.2.1"),
        Map.of("memory", new Quantity("8Gi"), "cpu", new Quantity("4")));
  }

  @Test
  void values_sources_and_expansion_in_definition_order() throws Exception {
    Container c = new ContainerBuilder().withName("c")
        .addNewEnvFrom().withPrefix("CM_").withNewConfigMapRef("cfg", false).endEnvFrom()
        .addNewEnv().withName("GREETING").withNewValueFrom()
        .withNewConfigMapKeyRef("greeting", "cfg", false).endValueFrom().endEnv()
        .addNewEnv().withName("PW").withNewValueFrom().withNewSecretKeyRef("pw", "sec", false)
        .endValueFrom().endEnv()
        .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef("v1", "metadata.name")
        .endValueFrom().endEnv()
        .addNewEnv().withName("APP").withNewValueFrom()
        .withNewFieldRef("v1", "metadata.labels['app']").endValueFrom().endEnv()
        .addNewEnv().withName("IP").withNewValueFrom().withNewFieldRef("v1", "status.podIP")
        .endValueFrom().endEnv()
        .addNewEnv().withName("HOST").withNewValueFrom().withNewFieldRef("v1", "status.hostIP")
        .endValueFrom().endEnv()
        .addNewEnv().withName("MEM").withNewValueFrom().withNewResourceFieldRef()
            .withDivisor(new Quantity("1Mi")).withResource("limits.memory").endResourceFieldRef()
            .endValueFrom().endEnv()
        .addNewEnv().withName("URL").withValue("http://$(POD):$(MISSING)/$(CM_mode)").endEnv()
        .build();
    Map<String, String> env = resolve(c);
    assertThat(env).containsEntry("CM_greeting", "hi").containsEntry("GREETING", "hi")
        .containsEntry("PW", "s3").containsEntry("POD", "web").containsEntry("APP", "web")
        .containsEntry("IP", "10.0.0.9").containsEntry("HOST", "192.0.2.1")
        .containsEntry("MEM", "8192").containsEntry("URL", "http://web:$(MISSING)/fast");
    assertThat(env.keySet()).startsWith("CM_greeting", "CM_mode", "GREETING");
  }

  @Test
  void a_missing_source_fails_unless_optional() {
    Container missing = new ContainerBuilder().withName("c").addNewEnv().withName("X")
        .withNewValueFrom().withNewConfigMapKeyRef("k", "nope", false).endValueFrom().endEnv()
        .build();
    assertThatThrownBy(() -> resolve(missing)).hasMessage("configmap \"nope\" not found");
    Container badKey = new ContainerBuilder().withName("c").addNewEnv().withName("X")
        .withNewValueFrom().withNewSecretKeyRef("nokey", "sec", false).endValueFrom().endEnv()
        .build();
    assertThatThrownBy(() -> resolve(badKey))
        .hasMessage("couldn't find key nokey in Secret ns/sec");
  }

  @Test
  void an_optional_missing_source_sets_nothing() throws Exception {
    Container optional = new ContainerBuilder().withName("c").addNewEnv().withName("X")
        .withNewValueFrom().withNewConfigMapKeyRef("k", "nope", true).endValueFrom().endEnv()
        .addNewEnvFrom().withNewSecretRef("nosecret", true).endEnvFrom().build();
    assertThat(resolve(optional)).isEmpty();
  }
}
