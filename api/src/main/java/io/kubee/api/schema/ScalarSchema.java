package io.kubee.api.schema;

/**
 * The scalar types of the Kubernetes API with their OpenAPI type and format. The last four are
 * named Kubernetes definitions that OpenAPI documents refer to rather than inline.
 */
public enum ScalarSchema implements Schema {
  STRING("string", "", ""),
  /** {@code []byte}: base64 text (Secret {@code data}, ConfigMap {@code binaryData}). */
  BYTES("string", "byte", ""),
  BOOLEAN("boolean", "", ""),
  INT32("integer", "int32", ""),
  INT64("integer", "int64", ""),
  NUMBER("number", "double", ""),
  /** {@code metav1.Time}: RFC 3339 to the second. */
  TIME("string", "date-time", "io.k8s.apimachinery.pkg.apis.meta.v1.Time"),
  /** {@code metav1.MicroTime}: RFC 3339 with microseconds. */
  MICRO_TIME("string", "date-time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"),
  /** {@code intstr.IntOrString}: an integer or a string ("80", "http", "25%"). */
  INT_OR_STRING("string", "int-or-string", "io.k8s.apimachinery.pkg.util.intstr.IntOrString"),
  /** {@code resource.Quantity}: "100m", "1Gi", or a plain number. */
  QUANTITY("string", "", "io.k8s.apimachinery.pkg.api.resource.Quantity");

  private final String type;
  private final String format;
  private final String definitionName;

  ScalarSchema(String type, String format, String definitionName) {
    this.type = type;
    this.format = format;
    this.definitionName = definitionName;
  }

  /** The OpenAPI (v2) {@code type}. */
  public String type() {
    return type;
  }

  /** The OpenAPI {@code format}, or "". */
  public String format() {
    return format;
  }

  @Override
  public String definitionName() {
    return definitionName;
  }

  /** Whether OpenAPI documents refer to this scalar by {@code $ref} to its own definition. */
  public boolean named() {
    return !definitionName.isEmpty();
  }
}
