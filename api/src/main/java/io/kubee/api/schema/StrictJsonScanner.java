package io.kubee.api.schema;

import io.kubee.api.codec.Codec;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Finds unknown and duplicate fields in a JSON body in one pass over its tokens, in the order
 * and with the paths Kubernetes' strict JSON decoder reports them ({@code sigs.k8s.io/json}'s
 * {@code UnmarshalStrict}): a duplicate is a field or map key seen twice in one object, an
 * unknown field is a key an object's schema does not have; values of unknown fields are not
 * looked into; a position typed as any JSON checks duplicates but knows no unknown fields;
 * named free-form values ({@code RawExtension}, {@code FieldsV1}) are opaque. At most
 * {@value #MAX_PROBLEMS} problems, each once. Not thread-safe; one instance per body.
 */
final class StrictJsonScanner {
  /** Kubernetes stops collecting strict errors here. */
  static final int MAX_PROBLEMS = 100;

  private final JsonParser parser;
  private final Set<StrictProblem> problems = new LinkedHashSet<>();

  private StrictJsonScanner(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * The problems of a well-formed JSON body against a schema; {@link FreeFormSchema#ANY} checks
   * duplicates only (a patch body). A malformed body yields what was found before the error
   * (the caller has rejected malformed bodies already).
   */
  static List<StrictProblem> scan(byte[] json, Schema root) {
    try (JsonParser parser = Codec.INSTANCE.json().createParser(json)) {
      StrictJsonScanner scanner = new StrictJsonScanner(parser);
      if (parser.nextToken() != null) {
        scanner.value(root, "");
      }
      return List.copyOf(scanner.problems);
    } catch (JacksonException e) {
      return List.of();
    }
  }

  /** Reads the value at the current token, which it leaves on the value's last token. */
  private void value(Schema schema, String path) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      if (schema instanceof ObjectSchema object) {
        object(object, path);
      } else if (schema instanceof MapSchema map) {
        map(map.values(), path);
      } else if (schema == FreeFormSchema.ANY) {
        map(FreeFormSchema.ANY, path);
      } else {
        // opaque (RawExtension) or a type mismatch the model decoder reports
        parser.skipChildren();
      }
    } else if (token == JsonToken.START_ARRAY) {
      Schema items = schema instanceof ArraySchema array ? array.items()
          : schema == FreeFormSchema.ANY ? FreeFormSchema.ANY : null;
      if (items == null) {
        parser.skipChildren();
        return;
      }
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        value(items, StrictProblem.element(path, index++));
      }
    }
  }

  private void object(ObjectSchema schema, String path) {
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      Field field = schema.fields().get(key);
      parser.nextToken();
      if (field == null) {
        report(new StrictProblem(false, StrictProblem.child(path, key)));
        parser.skipChildren();
        continue;
      }
      if (!seen.add(key)) {
        report(new StrictProblem(true, StrictProblem.child(path, key)));
      }
      value(field.schema(), StrictProblem.child(path, key));
    }
  }

  private void map(Schema values, String path) {
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      if (!seen.add(key)) {
        report(new StrictProblem(true, StrictProblem.child(path, key)));
      }
      parser.nextToken();
      value(values, StrictProblem.child(path, key));
    }
  }

  private void report(StrictProblem problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
