package io.kubee.api.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Finds keys set twice in one mapping of a YAML body, worded as Kubernetes' strict YAML decoder
 * ({@code sigs.k8s.io/yaml}'s {@code YAMLToJSONStrict}, go-yaml v2) words them:
 * {@code line 6: key "name" already set in map}, where the line is that of the repeated key's
 * value, and duplicates inside a value come before the duplicate key that holds it. Every
 * mapping counts, free-form or not: the check is on the YAML, before any schema applies. Not
 * thread-safe; one instance per body.
 */
final class YamlDuplicateKeys {
  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
          .build())
      .build();

  /** A repeated key: its path in JSON terms, and go-yaml's message. */
  record Duplicate(String path, String message) {}

  private final JsonParser parser;
  private final List<Duplicate> duplicates = new ArrayList<>();

  private YamlDuplicateKeys(JsonParser parser) {
    this.parser = parser;
  }

  /** The repeated keys of a well-formed YAML document, in go-yaml's order. */
  static List<Duplicate> scan(byte[] yaml) {
    try (JsonParser parser = YAML.createParser(yaml)) {
      YamlDuplicateKeys scanner = new YamlDuplicateKeys(parser);
      if (parser.nextToken() != null) {
        scanner.value("");
      }
      return List.copyOf(scanner.duplicates);
    } catch (JacksonException e) {
      return List.of();
    }
  }

  private void value(String path) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Set<String> seen = new HashSet<>();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String key = parser.currentName();
        boolean repeated = !seen.add(key);
        parser.nextToken();
        int line = parser.currentTokenLocation().getLineNr();
        String child = StrictProblem.child(path, key);
        value(child);
        if (repeated) {
          duplicates.add(new Duplicate(child,
              "line " + line + ": key " + goValue(key) + " already set in map"));
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        value(StrictProblem.element(path, index++));
      }
    }
  }

  /**
   * A key as Go's {@code %#v} prints what go-yaml decoded it to: integers bare, anything else a
   * quoted string. (A plain {@code true:} key, a bool to go-yaml, prints quoted here.)
   */
  private static String goValue(String key) {
    return key.matches("-?(0|[1-9][0-9]*)") ? key : GoStrings.quote(key);
  }
}
