package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ReplicaSets: NAME DESIRED CURRENT READY AGE [CONTAINERS IMAGES SELECTOR], as
 * {@code printReplicaSet} in Kubernetes' {@code pkg/printers/internalversion/printers.go}; the
 * counts are integer cells, desired defaulting to 1 as the API does.
 */
final class ReplicaSetPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.integer("Desired", "Replicas is the number of desired replicas. This is a"
          + " pointer to distinguish between explicit zero and unspecified. Defaults to 1. More"
          + " info: https://kubernetes.io/docs/concepts/workloads/controllers/"
          + "replicationcontroller/#what-is-a-replicationcontroller"),
      TableColumn.integer("Current", "Replicas is the most recently observed number of replicas."
          + " More info: https://kubernetes.io/docs/concepts/workloads/controllers/"
          + "replicationcontroller/#what-is-a-replicationcontroller"),
      TableColumn.integer("Ready", "readyReplicas is the number of pods targeted by this"
          + " ReplicaSet controller with a Ready Condition."),
      TableColumn.ageColumn(),
      TableColumn.string("Containers", TableColumn.CONTAINERS_DESCRIPTION).wide(),
      TableColumn.string("Images", TableColumn.IMAGES_DESCRIPTION).wide(),
      TableColumn.string("Selector", "Selector is a label query over pods that should match the"
          + " replica count. Label keys and values that must match in order to be controlled by"
          + " this replica set. It must match the pod template's labels. More info:"
          + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"
          + "#label-selectors").wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode replicaSet, Instant now) {
    JsonNode spec = Fields.object(replicaSet, "spec");
    JsonNode status = Fields.object(replicaSet, "status");
    JsonNode podSpec = Fields.object(spec, "template", "spec");
    long desired = Fields.has(spec, "replicas") ? Fields.integer(spec, "replicas") : 1;
    return TableRow.of(
        Meta.name(replicaSet),
        desired,
        Fields.integer(status, "replicas"),
        Fields.integer(status, "readyReplicas"),
        HumanDuration.since(Meta.creationTimestamp(replicaSet), now),
        Selectors.containerNames(podSpec),
        Selectors.containerImages(podSpec),
        Selectors.formatLabelSelector(spec == null ? null : spec.get("selector")));
  }
}
