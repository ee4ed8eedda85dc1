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
import io.kubee.apiserver.admission.NamespaceCache;
import io.kubee.apiserver.admission.NamespaceLifecycle;
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
  private final NamespaceCache namespaceCache;
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
    this.namespaceCache = new NamespaceCache(storage, Keys.resourcePrefix(namespaces),
        this::findNamespace);
    Ipv4Range serviceRange = Ipv4Range.parse(settings.serviceClusterIpRange());
    Allocator serviceIps = new Allocator(storage, Keys.ROOT + "ipallocations/",
        serviceRange.size(), serviceRange::address, clock);
    Allocator nodePorts = new Allocator(storage, Keys.ROOT + "nodeportallocations/",
        settings.nodePortMax() - settings.nodePortMin() + 1,
        index -> Long.toString(settings.nodePortMin() + index), clock);
    this.allocationRepair = new AllocationRepair(storage,
        Keys.resourcePrefix(registry.lookup("", "v1", "services").orElseThrow()), serviceIps,
        nodePorts, settings.allocationRepair(), settings.allocationRepair(), clock);
    AdmissionChain admission = new AdmissionChain(List.of(
        new ServiceAllocation(serviceRange, serviceIps, settings.nodePortMin(),
            settings.nodePortMax(), nodePorts),
        new NamespaceLifecycle(namespaceCache)));
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

  /** Stops what runs in the background (the namespace cache); the storage is the caller's. */
  @Override
  public void close() {
    namespaceCache.close();
    allocationRepair.close();
  }

  private Optional<ObjectNode> findNamespace(String name) {
    try {
      return Optional.of(storage.get(Keys.key(namespaces, "", name)));
    } catch (StorageException e) {
      if (e.code() == StorageException.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw StorageErrors.toApi(e, namespaces, name);
    }
  }
}
