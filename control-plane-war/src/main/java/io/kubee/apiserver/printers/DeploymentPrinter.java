package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployments: NAME READY UP-TO-DATE AVAILABLE AGE [CONTAINERS IMAGES SELECTOR], as
 * {@code printDeployment} in Kubernetes' {@code pkg/printers/internalversion/printers.go}; READY
 * reads "ready/desired", desired defaulting to 1 as the API does.
 */
final class DeploymentPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Ready", "Number of the pod with ready state"),
      TableColumn.string("Up-to-date", "Total number of non-terminated pods targeted by this"
          + " deployment that have the desired template spec."),
      TableColumn.string("Available", "Total number of available pods (ready for at least"
          + " minReadySeconds) targeted by this deployment."),
      TableColumn.ageColumn(),
      TableColumn.string("Containers", TableColumn.CONTAINERS_DESCRIPTION).wide(),
      TableColumn.string("Images", TableColumn.IMAGES_DESCRIPTION).wide(),
      TableColumn.string("Selector", "Label selector for pods. Existing ReplicaSets whose pods are"
          + " selected by this will be the ones affected by this deployment.").wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode deployment, Instant now) {
    JsonNode spec = Fields.object(deployment, "spec");
    JsonNode status = Fields.object(deployment, "status");
    JsonNode podSpec = Fields.object(spec, "template", "spec");
    long desired = Fields.has(spec, "replicas") ? Fields.integer(spec, "replicas") : 1;
    return TableRow.of(
        Meta.name(deployment),
        Fields.integer(status, "readyReplicas") + "/" + desired,
        Fields.integer(status, "updatedReplicas"),
        Fields.integer(status, "availableReplicas"),
        HumanDuration.since(Meta.creationTimestamp(deployment), now),
        Selectors.containerNames(podSpec),
        Selectors.containerImages(podSpec),
        Selectors.labelSelectorString(spec == null ? null : spec.get("selector")));
  }
}
