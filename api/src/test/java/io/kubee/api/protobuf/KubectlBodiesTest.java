package io.kubee.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies kubectl 1.32 sent as protobuf, captured on the wire (see kubectl-1.32/commands.txt),
 * decode to exactly the JSON kubectl prints for the same command with
 * {@code --dry-run=client -o json} — the body it would send as JSON.
 */
class KubectlBodiesTest {
  static final String DIR = "kubectl-1.32/";

  private static final JsonMapper PRETTY = Codec.INSTANCE.json().rebuild()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
      .build();

  /** One captured command: its name, the kubectl command line. */
  record Capture(String name, String command) {
    @Override
    public String toString() {
      return name + ": " + command;
    }

    byte[] body() {
      return resource(DIR + name + ".pb");
    }

    ObjectNode expected() {
      return Codec.INSTANCE.parseObject(resource(DIR + name + ".json"), Format.JSON);
    }
  }

  static Stream<Capture> captures() {
    String index = new String(resource(DIR + "commands.txt"), StandardCharsets.UTF_8);
    return index.lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", 2))
        .map(parts -> new Capture(parts[0], parts[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void decodesToWhatKubectlPrintsAsJson(Capture capture) {
    DecodedBody decoded = ProtobufBodies.decode(capture.body(), null, null);

    assertThat(pretty(decoded.object())).isEqualTo(pretty(capture.expected()));
    // the very nodes a JSON parse gives (an int is an IntNode), not only the same text
    assertThat(decoded.object()).isEqualTo(capture.expected());
    assertThat(decoded.skippedFields()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void objectsOfServedKindsReadIntoTheirModel(Capture capture) {
    ObjectNode object = ProtobufBodies.decode(capture.body());
    ResourceType type = ResourceRegistry.builtin()
        .lookupKind(object.get("apiVersion").asString(), object.get("kind").asString())
        .orElse(null);
    if (type == null) {
      return; // not served (yet): the pipeline answers 404 before it reads the body
    }

    HasMetadata typed = Codec.INSTANCE.toTyped(object, type.modelClass(), type.kind(), type.version());

    ObjectNode metadata = (ObjectNode) capture.expected().get("metadata").deepCopy();
    metadata.remove("creationTimestamp");
    assertThat(Codec.INSTANCE.fromTyped(typed).get("metadata")).isEqualTo(metadata);
  }

  static String pretty(JsonNode node) {
    return PRETTY.writeValueAsString(node);
  }

  static byte[] resource(String name) {
    try (InputStream in = KubectlBodiesTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
