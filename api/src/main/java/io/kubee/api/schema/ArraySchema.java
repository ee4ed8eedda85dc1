package io.kubee.api.schema;

import java.util.Objects;

/**
 * A JSON array. How it merges (patch strategy, merge key, list type) belongs to the field that
 * holds it; see {@link Field}.
 */
public record ArraySchema(Schema items) implements Schema {
  public ArraySchema {
    Objects.requireNonNull(items, "items");
  }

  @Override
  public String definitionName() {
    return "";
  }
}
