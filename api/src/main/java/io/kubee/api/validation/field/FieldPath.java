package io.kubee.api.validation.field;

import java.util.Objects;

/**
 * The path from an object's root to one of its fields, printed as Kubernetes prints it in field
 * errors: dotted names with list indexes and map keys in brackets
 * ({@code spec.containers[0].image}, {@code metadata.labels[app]}). Immutable; mirrors
 * {@code k8s.io/apimachinery/pkg/util/validation/field/path.go}.
 */
public final class FieldPath {
  private static final FieldPath ROOT = new FieldPath("");

  private final String text;

  private FieldPath(String text) {
    this.text = text;
  }

  /** The empty path: errors about the whole object ("" in a cause's field). */
  public static FieldPath root() {
    return ROOT;
  }

  /** A path of dotted names, {@code of("spec", "template")} is {@code spec.template}. */
  public static FieldPath of(String name, String... more) {
    return ROOT.child(name, more);
  }

  public FieldPath child(String name, String... more) {
    StringBuilder b = new StringBuilder(text);
    append(b, name);
    for (String n : more) {
      append(b, n);
    }
    return new FieldPath(b.toString());
  }

  public FieldPath index(int index) {
    return new FieldPath(text + "[" + index + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  public boolean isRoot() {
    return text.isEmpty();
  }

  private static void append(StringBuilder b, String name) {
    if (b.length() > 0 && !name.isEmpty()) {
      b.append('.');
    }
    b.append(name);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(text);
  }
}
