package io.kubee.api.apply;

import io.kubee.api.registry.ResourceType;
import java.util.List;

/**
 * The fields a write cannot change, which managers therefore never gain through it (Kubernetes'
 * {@code ResetFieldsStrategy.GetResetFields}, applied as the {@code IgnoreFilter} of
 * structured-merge-diff's updater): a write to the main resource of a kind with a status
 * subresource cannot change {@code status}; a write to {@code status} can change nothing but
 * {@code status}; {@code namespaces/finalize} nothing but {@code spec.finalizers}. These follow
 * what {@code GenericStore} keeps from the stored object. Immutable.
 */
final class ResetFields {
  static final ResetFields NONE = new ResetFields(null, null);

  /** Removed with everything below them, or null. */
  private final FieldSet excluded;
  /** When set, only paths under these prefixes are kept. */
  private final List<Path> onlyUnder;

  private ResetFields(FieldSet excluded, List<Path> onlyUnder) {
    this.excluded = excluded;
    this.onlyUnder = onlyUnder;
  }

  /** The filter of a write to {@code type}, or to its {@code subresource} ("" for none). */
  static ResetFields of(ResourceType type, String subresource) {
    return switch (subresource) {
      case "status" -> new ResetFields(null, List.of(Path.fields("status")));
      case "finalize" -> new ResetFields(null, List.of(Path.fields("spec", "finalizers")));
      default -> type.hasStatusSubresource()
          ? new ResetFields(FieldSet.of(Path.fields("status")), null)
          : NONE;
    };
  }

  FieldSet apply(FieldSet set) {
    FieldSet kept = onlyUnder == null ? set : set.withPrefixes(onlyUnder);
    return excluded == null ? kept : kept.recursiveDifference(excluded);
  }
}
