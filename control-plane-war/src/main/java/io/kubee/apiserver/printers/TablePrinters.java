package io.kubee.apiserver.printers;

import io.kubee.api.registry.ResourceType;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the {@link TablePrinter} of a resource by API group and kind (printing does not depend
 * on the version), falling back on the NAME/AGE printer for anything without one, as Kubernetes
 * registers printers per type in {@code AddHandlers}. Immutable and thread-safe.
 */
public final class TablePrinters {
  private static final TablePrinters BUILTIN = new TablePrinters(Map.ofEntries(
      Map.entry(key("", "Pod"), new PodPrinter()),
      Map.entry(key("", "Node"), new NodePrinter()),
      Map.entry(key("", "Namespace"), new NamespacePrinter()),
      Map.entry(key("", "Service"), new ServicePrinter()),
      Map.entry(key("", "Endpoints"), new EndpointsPrinter()),
      Map.entry(key("", "ConfigMap"), new ConfigMapPrinter()),
      Map.entry(key("", "Secret"), new SecretPrinter()),
      Map.entry(key("", "Event"), new EventPrinter()),
      Map.entry(key("", "ServiceAccount"), new ServiceAccountPrinter()),
      Map.entry(key("apps", "Deployment"), new DeploymentPrinter()),
      Map.entry(key("apps", "ReplicaSet"), new ReplicaSetPrinter()),
      Map.entry(key("coordination.k8s.io", "Lease"), new LeasePrinter()),
      Map.entry(key("scheduling.k8s.io", "PriorityClass"), new PriorityClassPrinter()),
      Map.entry(key("policy", "PodDisruptionBudget"), new PodDisruptionBudgetPrinter()),
      Map.entry(key("", "ReplicationController"), new ReplicationControllerPrinter()),
      Map.entry(key("discovery.k8s.io", "EndpointSlice"), new EndpointSlicePrinter()),
      Map.entry(key("autoscaling", "HorizontalPodAutoscaler"),
          new HorizontalPodAutoscalerPrinter())),
      new DefaultPrinter());

  private final Map<String, TablePrinter> printers;
  private final TablePrinter fallback;

  private TablePrinters(Map<String, TablePrinter> printers, TablePrinter fallback) {
    this.printers = Map.copyOf(printers);
    this.fallback = fallback;
  }

  /** The printers of the built-in resources. */
  public static TablePrinters builtin() {
    return BUILTIN;
  }

  /** These printers plus {@code printer} for {@code group}/{@code kind} (replacing any). */
  public TablePrinters with(String group, String kind, TablePrinter printer) {
    Map<String, TablePrinter> copy = new HashMap<>(printers);
    copy.put(key(group, kind), printer);
    return new TablePrinters(copy, fallback);
  }

  /** The printer of {@code type}; the NAME/AGE printer when it has none. Never null. */
  public TablePrinter forType(ResourceType type) {
    return printers.getOrDefault(key(type.group(), type.kind()), fallback);
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }
}
