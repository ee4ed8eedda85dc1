package io.kubee.api.schema;

import java.util.Objects;

/**
 * A value the schema does not describe: Kubernetes' {@code RawExtension}, {@code FieldsV1},
 * the {@code Patch} body and fields typed as "any JSON". Nothing inside it is an unknown field,
 * and it merges like plain JSON.
 *
 * @param definitionName the named Kubernetes definition ({@code
 *     io.k8s.apimachinery.pkg.runtime.RawExtension}), or "" for an anonymous value
 */
public record FreeFormSchema(String definitionName) implements Schema {
  public static final FreeFormSchema ANY = new FreeFormSchema("");

  public FreeFormSchema {
    Objects.requireNonNull(definitionName, "definitionName");
  }
}
