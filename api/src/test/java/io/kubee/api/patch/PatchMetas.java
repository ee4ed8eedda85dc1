package io.kubee.api.patch;

import io.kubee.api.schema.PatchMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Hand-built {@link PatchMeta} trees, so the patch tests do not depend on the model schema:
 * {@code object().field("spec", object().field("containers", mergeList("name", container)))}.
 */
final class PatchMetas {
  private PatchMetas() {}

  /** An object without fields yet; {@link Obj#field} adds them. */
  static Obj object() {
    return new Obj(Map.of(), "");
  }

  /** A map whose values are at {@code values}. */
  static PatchMeta map(PatchMeta values) {
    return new Meta(PatchMeta.Kind.MAP, "", "", values, PatchMeta.UNKNOWN);
  }

  static PatchMeta scalar() {
    return new Meta(PatchMeta.Kind.SCALAR, "", "", PatchMeta.UNKNOWN, PatchMeta.UNKNOWN);
  }

  /** A list that a patch replaces (Kubernetes' default, {@code atomic}). */
  static PatchMeta list(PatchMeta items) {
    return list("", "", items);
  }

  /** A list of objects merged by {@code key} ({@code patchStrategy:"merge"}). */
  static PatchMeta mergeList(String key, PatchMeta items) {
    return list("merge", key, items);
  }

  /** A list of scalars merged as a set ({@code patchStrategy:"merge"} without a key). */
  static PatchMeta set() {
    return list("merge", "", scalar());
  }

  static PatchMeta list(String strategy, String key, PatchMeta items) {
    return new Meta(PatchMeta.Kind.LIST, strategy, key, PatchMeta.UNKNOWN, items);
  }

  /** A position that refers to itself below (Kubernetes' test type {@code MergeItem}). */
  static PatchMeta recursive(Function<PatchMeta, PatchMeta> body) {
    Self self = new Self();
    self.target = body.apply(self);
    return self;
  }

  /** An object position; immutable, {@link #field} returns a new one. */
  record Obj(Map<String, PatchMeta> fields, String strategy) implements PatchMeta {
    Obj field(String name, PatchMeta meta) {
      Map<String, PatchMeta> copy = new LinkedHashMap<>(fields);
      copy.put(name, meta);
      return new Obj(Map.copyOf(copy), strategy);
    }

    /** A union whose unset members a patch clears ({@code patchStrategy:"retainKeys"}). */
    Obj retainKeys() {
      return new Obj(fields, "retainKeys");
    }

    /** Replaced whole by a patch ({@code patchStrategy:"replace"}, e.g. RawExtension). */
    Obj replaced() {
      return new Obj(fields, "replace");
    }

    @Override
    public Kind kind() {
      return Kind.OBJECT;
    }

    @Override
    public PatchMeta field(String name) {
      return fields.getOrDefault(name, UNKNOWN);
    }

    @Override
    public PatchMeta items() {
      return UNKNOWN;
    }

    @Override
    public String patchStrategy() {
      return strategy;
    }

    @Override
    public String patchMergeKey() {
      return "";
    }

    @Override
    public String listType() {
      return "";
    }

    @Override
    public List<String> listMapKeys() {
      return List.of();
    }
  }

  private record Meta(Kind kind, String patchStrategy, String patchMergeKey, PatchMeta values,
      PatchMeta items) implements PatchMeta {
    @Override
    public PatchMeta field(String name) {
      return kind == Kind.MAP ? values : UNKNOWN;
    }

    @Override
    public String listType() {
      if (kind != Kind.LIST) {
        return "";
      }
      return !patchMergeKey.isEmpty() ? "map" : patchStrategy.contains("merge") ? "set"
          : "atomic";
    }

    @Override
    public List<String> listMapKeys() {
      return patchMergeKey.isEmpty() ? List.of() : List.of(patchMergeKey);
    }
  }

  private static final class Self implements PatchMeta {
    PatchMeta target;

    @Override
    public Kind kind() {
      return target.kind();
    }

    @Override
    public PatchMeta field(String name) {
      return target.field(name);
    }

    @Override
    public PatchMeta items() {
      return target.items();
    }

    @Override
    public String patchStrategy() {
      return target.patchStrategy();
    }

    @Override
    public String patchMergeKey() {
      return target.patchMergeKey();
    }

    @Override
    public String listType() {
      return target.listType();
    }

    @Override
    public List<String> listMapKeys() {
      return target.listMapKeys();
    }
  }
}
