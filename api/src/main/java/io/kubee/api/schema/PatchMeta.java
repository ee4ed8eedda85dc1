package io.kubee.api.schema;

/**
 * What the merge of a patch needs to know about one position in an object: whether it holds an
 * object, a map, a list or a scalar, and for lists how they merge (Kubernetes' struct tags
 * {@code patchStrategy}/{@code patchMergeKey} and the {@code listType}/{@code listMapKey}
 * markers, as {@code strategicpatch.LookupPatchMeta} exposes them).
 *
 * <p>Implementations are immutable and thread-safe. Navigating to a position that the schema
 * does not know yields {@link #UNKNOWN}, which merges like a plain JSON value (maps merge,
 * lists are replaced), as Kubernetes does for unknown fields.
 */
public interface PatchMeta {

  /** The shape of the value at this position. */
  enum Kind { OBJECT, MAP, LIST, SCALAR, UNKNOWN }

  Kind kind();

  /**
   * For an OBJECT: the position of one of its fields; for a MAP: the position of its values
   * (whatever the key); otherwise {@link #UNKNOWN}.
   */
  PatchMeta field(String name);

  /** For a LIST: the position of its elements; otherwise {@link #UNKNOWN}. */
  PatchMeta items();

  /**
   * For a LIST: its patch strategy, "" (replace, the default), "merge", or "retainKeys"; for an
   * OBJECT: "retainKeys" when the object is a union whose unset members a patch clears
   * ({@code $retainKeys}), else "". Several strategies are comma-separated
   * ("merge,retainKeys"), as in Kubernetes' tags.
   */
  String patchStrategy();

  /**
   * For a LIST merged by key: the field that identifies an element ("name", "containerPort",
   * "mountPath", "type"...); "" for lists of scalars merged as sets and for lists that are
   * replaced.
   */
  String patchMergeKey();

  /**
   * For a LIST, how server-side apply and OpenAPI see it: "atomic", "set" or "map"
   * ({@code x-kubernetes-list-type}); for "map" lists {@link #listMapKeys()} names the keys.
   */
  String listType();

  /** The {@code x-kubernetes-list-map-keys} of a "map" list; empty otherwise. */
  java.util.List<String> listMapKeys();

  /** A position the schema does not describe. */
  PatchMeta UNKNOWN = new PatchMeta() {
    @Override
    public Kind kind() {
      return Kind.UNKNOWN;
    }

    @Override
    public PatchMeta field(String name) {
      return UNKNOWN;
    }

    @Override
    public PatchMeta items() {
      return UNKNOWN;
    }

    @Override
    public String patchStrategy() {
      return "";
    }

    @Override
    public String patchMergeKey() {
      return "";
    }

    @Override
    public String listType() {
      return "atomic";
    }

    @Override
    public java.util.List<String> listMapKeys() {
      return java.util.List.of();
    }

    @Override
    public String toString() {
      return "UNKNOWN";
    }
  };
}
