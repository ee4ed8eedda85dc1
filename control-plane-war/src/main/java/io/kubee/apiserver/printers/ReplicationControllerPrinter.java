package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ReplicationControllers: NAME DESIRED CURRENT READY AGE [CONTAINERS IMAGES SELECTOR], as
 * {@code printReplicationController} in Kubernetes' {@code pkg/printers/internalversion/printers.go};
 * the selector is a plain label map.
 */
final class ReplicationControllerPrinter implements TablePrinter {
  private static final String DOC = " More info: https://kubernetes.io/docs/concepts/workloads/"
      + "controllers/replicationcontroller#what-is-a-replicationcontroller";
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.integer("Desired", "Replicas is the number of desired replicas. This is a"
          + " pointer to distinguish between explicit zero and unspecified. Defaults to 1." + DOC),
      TableColumn.integer("Current", "Replicas is the most recently observed number of"
          + " replicas." + DOC),
      TableColumn.integer("Ready", "The number of ready replicas for this replication"
          + " controller."),
      TableColumn.ageColumn(),
      TableColumn.string("Containers", TableColumn.CONTAINERS_DESCRIPTION).wide(),
      TableColumn.string("Images", TableColumn.IMAGES_DESCRIPTION).wide(),
      TableColumn.string("Selector", "Selector is a label query over pods that should match the"
          + " Replicas count. If Selector is empty, it is defaulted to the labels present on the"
          + " Pod template. Label keys and values that must match in order to be controlled by"
          + " this replication controller, if empty defaulted to labels on Pod template. More"
          + " info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"
          + "#label-selectors").wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode controller, Instant now) {
    JsonNode spec = Fields.object(controller, "spec");
    JsonNode status = Fields.object(controller, "status");
    JsonNode podSpec = Fields.object(spec, "template", "spec");
    long desired = Fields.has(spec, "replicas") ? Fields.integer(spec, "replicas") : 1;
    return TableRow.of(
        Meta.name(controller),
        desired,
        Fields.integer(status, "replicas"),
        Fields.integer(status, "readyReplicas"),
        HumanDuration.since(Meta.creationTimestamp(controller), now),
        Selectors.containerNames(podSpec),
        Selectors.containerImages(podSpec),
        Selectors.formatLabels(new TreeMap<>(Fields.stringMap(spec, "selector"))));
  }
}
