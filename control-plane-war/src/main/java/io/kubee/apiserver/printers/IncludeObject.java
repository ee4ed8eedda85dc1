package io.kubee.apiserver.printers;

import io.kubee.api.errors.Errors;

/**
 * What each table row carries in its {@code object} field, from the {@code includeObject} query
 * parameter ({@code metav1.IncludeObjectPolicy}).
 */
public enum IncludeObject {
  /** {@code "object": null}. */
  NONE("None"),
  /** A PartialObjectMetadata with the object's metadata: the default, what kubectl uses. */
  METADATA("Metadata"),
  /** The whole object. */
  OBJECT("Object");

  private final String value;

  IncludeObject(String value) {
    this.value = value;
  }

  /** The query parameter's value ("Metadata"). */
  public String value() {
    return value;
  }

  /**
   * The policy a query parameter asks for; null or "" mean {@link #METADATA}.
   *
   * @throws io.kubee.api.errors.ApiException 400 BadRequest, with Kubernetes' message, for any
   *     other value
   */
  public static IncludeObject parse(String value) {
    if (value == null || value.isEmpty()) {
      return METADATA;
    }
    for (IncludeObject policy : values()) {
      if (policy.value.equals(value)) {
        return policy;
      }
    }
    throw Errors.badRequest("Unable to convert to Table as requested: includeObject: Invalid"
        + " value: \"" + value + "\": must be 'Metadata', 'Object', 'None', or empty");
  }
}
