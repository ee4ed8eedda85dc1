package io.kubee.api.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Assertions on scenarios, written as readable lines. */
final class Ownership {
  private Ownership() {}

  /**
   * Each entry as {@code manager[/subresource]|operation|apiVersion|HH:MM: path path ...},
   * paths as conflict messages print them.
   */
  static List<String> lines(Scenario scenario) {
    List<String> lines = new ArrayList<>();
    for (ManagedFieldsEntry e : ManagedFields.read(scenario.object())) {
      String time = e.time() == null ? "-" : e.time().substring(11, 16);
      List<String> paths = new ArrayList<>();
      e.fieldsV1().forEach(p -> paths.add(p.toString()));
      lines.add(e.manager() + (e.subresource().isEmpty() ? "" : "/" + e.subresource()) + "|"
          + e.operation() + "|" + e.apiVersion() + "|" + time + ": " + String.join(" ", paths));
    }
    return lines;
  }

  static void assertOwnership(Scenario scenario, List<String> expected) {
    assertThat(lines(scenario)).containsExactlyElementsOf(expected);
  }

  /** The stored object, without uid and managedFields, equals {@code yaml}. */
  static void assertContent(Scenario scenario, String yaml) {
    JsonNode want = io.kubee.api.testing.Fixtures.yaml(yaml);
    JsonNode got = scenario.content();
    assertThat(JsonValues.equal(got, want))
        .as("object\n got: %s\nwant: %s", new String(Codec.INSTANCE.writeCanonicalJson(got)),
            new String(Codec.INSTANCE.writeCanonicalJson(want)))
        .isTrue();
  }
}
