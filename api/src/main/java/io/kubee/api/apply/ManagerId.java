package io.kubee.api.apply;

import java.util.Objects;

/**
 * Who owns a set of fields: a manager name, the operation it used, and for Update entries the
 * apiVersion, plus the subresource written through. Kubernetes keys managed fields by this
 * identity ({@code BuildManagerIdentifier}): an applier keeps one Apply entry whatever version
 * it applies with, an updater one entry per apiVersion and subresource. Immutable.
 *
 * @param apiVersion "" for Apply entries
 * @param subresource "" for the main resource
 */
record ManagerId(String manager, String operation, String apiVersion, String subresource) {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  ManagerId {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(operation, "operation");
    apiVersion = APPLY.equals(operation) || apiVersion == null ? "" : apiVersion;
    subresource = subresource == null ? "" : subresource;
  }

  static ManagerId apply(String manager, String subresource) {
    return new ManagerId(manager, APPLY, "", subresource);
  }

  static ManagerId update(String manager, String apiVersion, String subresource) {
    return new ManagerId(manager, UPDATE, apiVersion, subresource);
  }

  boolean applies() {
    return APPLY.equals(operation);
  }

  /**
   * The identifier Kubernetes uses for this manager: the JSON of a {@code ManagedFieldsEntry}
   * holding only these fields ({@code {"manager":"kubectl","operation":"Apply"}}). Conflict
   * messages list managers in the order of these strings.
   */
  String identifier() {
    StringBuilder out = new StringBuilder("{");
    field(out, "manager", manager);
    field(out, "operation", operation);
    field(out, "apiVersion", apiVersion);
    field(out, "subresource", subresource);
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value.isEmpty()) {
      return;
    }
    if (out.length() > 1) {
      out.append(',');
    }
    out.append('"').append(name).append("\":");
    JsonValues.writeString(value, out);
  }

  /**
   * The manager as conflict messages name it ({@code printManager}): {@code "kubectl"} for an
   * applier, {@code "kube-controller-manager" using apps/v1} for an updater,
   * {@code "kubelet" with subresource "status" using v1} through a subresource.
   */
  String describe() {
    String text = JsonValues.goQuote(manager);
    if (!subresource.isEmpty()) {
      text += " with subresource " + JsonValues.goQuote(subresource);
    }
    if (UPDATE.equals(operation)) {
      text += " using " + apiVersion;
    }
    return text;
  }

  @Override
  public String toString() {
    return identifier();
  }
}
