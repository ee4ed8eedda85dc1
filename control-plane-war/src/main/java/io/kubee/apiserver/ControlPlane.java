package io.kubee.apiserver;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.ApiException;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.validation.ObjectValidator;
import io.kubee.apiserver.admission.AdmissionChain;
import io.kubee.apiserver.allocation.AllocationRepair;
import io.kubee.apiserver.allocation.Allocator;
import io.kubee.apiserver.allocation.Ipv4Range;
import io.kubee.apiserver.allocation.ServiceAllocation;
import io.kubee.apiserver.admission.DefaultTolerationSeconds;
import io.kubee.apiserver.admission.ClusterObjectCache;
import io.kubee.apiserver.admission.NamespaceLifecycle;
import io.kubee.apiserver.admission.Priority;
import io.kubee.apiserver.auth.AlwaysAllowAuthorizer;
import io.kubee.apiserver.auth.AnonymousAuthenticator;
import io.kubee.apiserver.auth.UserInfo;
import io.kubee.apiserver.handlers.RestHandler;
import io.kubee.apiserver.registry.GenericStore;
import io.kubee.apiserver.registry.Keys;
import io.kubee.apiserver.registry.StorageErrors;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The apiserver's parts wired together over one {@link Storage}: resource registry, the pipeline
 * stages (authentication, authorization, admission, validation) and the generic store. The CDI
 * bean of the WAR and the tests build it the same way.
 */
public final class ControlPlane implements AutoCloseable {
  /** Namespaces that exist from the start (Kubernetes' system namespaces). */
  public static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final Storage storage;
  private final ResourceRegistry registry;
  private final ResourceType namespaces;
  private final ClusterObjectCache namespaceCache;
  private final ResourceType priorityClasses;
  private final ClusterObjectCache priorityClassCache;
  private final AllocationRepair allocationRepair;
  private final GenericStore store;
  private final RestHandler handler;

  /**
   * The apiserver settings MicroProfile Config can change ({@code kubee.apiserver.*}), with
   * Kubernetes' defaults.
   *
   * @param serviceClusterIpRange where Services get their cluster IP (--service-cluster-ip-range)
   * @param nodePortMin           the first node port (--service-node-port-range)
   * @param nodePortMax           the last node port
   * @param allocationRepair      how often allocations no Service holds are released
   */
  public record Settings(String serviceClusterIpRange, int nodePortMin, int nodePortMax,
      Duration allocationRepair) {
    public static Settings defaults() {
      return new Settings("10.96.0.0/12", 30000, 32767, Duration.ofSeconds(30));
    }
  }

  public ControlPlane(Storage storage, Clock clock) {
    this(storage, clock, Settings.defaults());
  }

  public ControlPlane(Storage storage, Clock clock, Settings settings) {
    this.storage = storage;
    this.registry = ResourceRegistry.builtin();
    this.namespaces = registry.lookup("", "v1", "namespaces").orElseThrow();
    this.namespaceCache = new ClusterObjectCache("namespace", storage,
        Keys.resourcePrefix(namespaces), this::findNamespace);
    this.priorityClasses = registry.lookup("scheduling.k8s.io", "v1", "priorityclasses")
        .orElseThrow();
    this.priorityClassCache = new ClusterObjectCache("priorityclass", storage,
        Keys.resourcePrefix(priorityClasses), this::findPriorityClass);
    Ipv4Range serviceRange = Ipv4Range.parse(settings.serviceClusterIpRange());
    Allocator serviceIps = new Allocator(storage, Keys.ROOT + "ipallocations/",
        serviceRange.size(), serviceRange::address, clock);
    Allocator nodePorts = new Allocator(storage, Keys.ROOT + "nodeportallocations/",
        settings.nodePortMax() - settings.nodePortMin() + 1,
        index -> Long.toString(settings.nodePortMin() + index), clock);
    this.allocationRepair = new AllocationRepair(storage,
        Keys.resourcePrefix(registry.lookup("", "v1", "services").orElseThrow()), serviceIps,
        nodePorts, settings.allocationRepair(), settings.allocationRepair(), clock);
    // Kubernetes' default plugin order; the chain runs the mutating ones first
    AdmissionChain admission = new AdmissionChain(List.of(
        new ServiceAllocation(serviceRange, serviceIps, settings.nodePortMin(),
            settings.nodePortMax(), nodePorts),
        new NamespaceLifecycle(namespaceCache),
        new DefaultTolerationSeconds(),
        new Priority(priorityClassCache)));
    this.store = new GenericStore(storage, registry, admission,
        new ObjectValidator(settings.nodePortMin(), settings.nodePortMax()), clock);
    this.handler = new RestHandler(registry, store, new AnonymousAuthenticator(),
        new AlwaysAllowAuthorizer(), clock);
  }

  public RestHandler handler() {
    return handler;
  }

  public GenericStore store() {
    return store;
  }

  public ResourceRegistry registry() {
    return registry;
  }

  public Storage storage() {
    return storage;
  }

  /**
   * Creates the system namespaces that do not exist yet. Idempotent; throws when storage is
   * unavailable, so callers retry.
   */
  public void ensureSystemNamespaces() {
    for (String name : SYSTEM_NAMESPACES) {
      if (findNamespace(name).isPresent()) {
        continue;
      }
      ObjectNode namespace = Codec.INSTANCE.newObject();
      namespace.put("apiVersion", "v1");
      namespace.put("kind", "Namespace");
      Meta.setName(namespace, name);
      try {
        store.create(namespaces, namespace, false, UserInfo.SYSTEM);
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  /**
   * Creates the built-in PriorityClasses system-cluster-critical and system-node-critical that do
   * not exist yet (Kubernetes' scheduling post-start hook). Idempotent; throws when storage is
   * unavailable, so callers retry.
   */
  public void ensureSystemPriorityClasses() {
    for (Map.Entry<String, Long> e : Priority.SYSTEM_PRIORITY_CLASSES.entrySet()) {
      if (findPriorityClass(e.getKey()).isPresent()) {
        continue;
      }
      ObjectNode pc = Codec.INSTANCE.newObject();
      pc.put("apiVersion", "scheduling.k8s.io/v1");
      pc.put("kind", "PriorityClass");
      Meta.setName(pc, e.getKey());
      pc.put("value", e.getValue());
      pc.put("description", "Used for system critical pods that must not be moved from their "
          + "current node.");
      try {
        store.create(priorityClasses, pc, false, UserInfo.SYSTEM);
      } catch (ApiException ex) {
        if (ex.code() != 409) {
          throw ex;
        }
      }
    }
  }

  /** Stops what runs in the background (caches, repair loop); the storage is the caller's. */
  @Override
  public void close() {
    namespaceCache.close();
    allocationRepair.close();
    priorityClassCache.close();
  }

  private Optional<ObjectNode> findNamespace(String name) {
    return findClusterScoped(namespaces, name);
  }

  private Optional<ObjectNode> findPriorityClass(String name) {
    return findClusterScoped(priorityClasses, name);
  }

  private Optional<ObjectNode> findClusterScoped(ResourceType type, String name) {
    try {
      return Optional.of(storage.get(Keys.key(type, "", name)));
    } catch (StorageException e) {
      if (e.code() == StorageException.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw StorageErrors.toApi(e, type, name);
    }
  }
}
