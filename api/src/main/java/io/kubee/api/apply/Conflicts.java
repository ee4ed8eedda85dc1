package io.kubee.api.apply;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubee.api.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fields an apply would change while another manager owns them (structured-merge-diff's
 * {@code merge.Conflicts}), and the 409 Kubernetes answers with
 * ({@code managedfields/internal/conflict.go}, {@code errors.NewApplyConflict}). Thrown inside
 * the apply computation; callers see {@link #toApiException()}.
 */
final class Conflicts extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One conflicting field and the manager that owns it. */
  record Conflict(ManagerId manager, Path path) {}

  private final transient List<Conflict> conflicts;

  Conflicts(List<Conflict> conflicts) {
    super(null, null, false, false);
    this.conflicts = List.copyOf(conflicts);
  }

  /**
   * The conflicts of each manager's set, managers in the order of their identifiers and each
   * one's fields in set order.
   */
  static Conflicts fromManagers(Map<ManagerId, FieldSet> sets) {
    TreeMap<String, Map.Entry<ManagerId, FieldSet>> byId = new TreeMap<>(
        JsonValues::compareStrings);
    sets.entrySet().forEach(e -> byId.put(e.getKey().identifier(), e));
    List<Conflict> list = new ArrayList<>();
    for (Map.Entry<ManagerId, FieldSet> e : byId.values()) {
      e.getValue().forEach(p -> list.add(new Conflict(e.getKey(), p)));
    }
    return new Conflicts(list);
  }

  /** The conflicts whose path is not in {@code allowed}. */
  Conflicts without(FieldSet allowed) {
    return new Conflicts(conflicts.stream().filter(c -> !allowed.has(c.path())).toList());
  }

  boolean isEmpty() {
    return conflicts.isEmpty();
  }

  /**
   * The 409 Conflict: "Apply failed with 1 conflict: conflict with "kubectl-client-side-apply"
   * using apps/v1: .spec.replicas", one {@code FieldManagerConflict} cause per field.
   */
  ApiException toApiException() {
    List<StatusCause> causes = new ArrayList<>();
    for (Conflict c : conflicts) {
      StatusCause cause = new StatusCause();
      cause.setReason("FieldManagerConflict");
      cause.setMessage("conflict with " + c.manager().describe());
      cause.setField(c.path().toString());
      causes.add(cause);
    }
    StatusDetails details = new StatusDetails();
    details.setCauses(causes);
    Status status = new Status();
    status.setApiVersion("v1");
    status.setKind("Status");
    status.setMetadata(new ListMeta());
    status.setStatus("Failure");
    status.setCode(409);
    status.setReason("Conflict");
    status.setMessage(message());
    status.setDetails(details);
    return new ApiException(status);
  }

  private String message() {
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with " + c.manager().describe() + ": "
          + c.path();
    }
    Map<String, List<Conflict>> byManager = new LinkedHashMap<>();
    TreeMap<String, ManagerId> managers = new TreeMap<>(JsonValues::compareStrings);
    for (Conflict c : conflicts) {
      byManager.computeIfAbsent(c.manager().identifier(), k -> new ArrayList<>()).add(c);
      managers.put(c.manager().identifier(), c.manager());
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, ManagerId> m : managers.entrySet()) {
      lines.add("conflicts with " + m.getValue().describe() + ":");
      for (Conflict c : byManager.get(m.getKey())) {
        lines.add("- " + c.path());
      }
    }
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}
