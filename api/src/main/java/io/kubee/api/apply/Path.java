package io.kubee.api.apply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path to a field of an object (structured-merge-diff's {@code fieldpath.Path}), printed as
 * Kubernetes prints it in conflicts: {@code .spec.template.spec.containers[name="nginx"].image}.
 * Immutable; the empty path is the object itself, which nobody owns.
 */
public record Path(List<PathElement> elements) {
  public static final Path ROOT = new Path(List.of());

  public Path {
    elements = List.copyOf(elements);
  }

  public static Path of(PathElement... elements) {
    return new Path(Arrays.asList(elements));
  }

  /** A path of field names only: {@code Path.fields("spec", "replicas")}. */
  public static Path fields(String... names) {
    List<PathElement> list = new ArrayList<>();
    for (String name : names) {
      list.add(PathElement.field(name));
    }
    return new Path(list);
  }

  public Path append(PathElement element) {
    List<PathElement> list = new ArrayList<>(elements.size() + 1);
    list.addAll(elements);
    list.add(element);
    return new Path(list);
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  public int size() {
    return elements.size();
  }

  public PathElement get(int i) {
    return elements.get(i);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (PathElement e : elements) {
      out.append(e);
    }
    return out.toString();
  }
}
