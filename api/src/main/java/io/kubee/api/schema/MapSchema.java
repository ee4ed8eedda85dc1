package io.kubee.api.schema;

import java.util.Objects;

/**
 * A JSON object with arbitrary keys whose values all share one schema ({@code labels},
 * {@code resources.limits}): OpenAPI's {@code additionalProperties}.
 */
public record MapSchema(Schema values) implements Schema {
  public MapSchema {
    Objects.requireNonNull(values, "values");
  }

  @Override
  public String definitionName() {
    return "";
  }
}
