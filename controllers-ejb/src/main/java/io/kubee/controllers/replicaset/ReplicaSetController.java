package io.kubee.controllers.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.Events;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.ActivePodsWithRanks;
import io.kubee.controllers.util.ControllerRefManager;
import io.kubee.controllers.util.ControllerRefs;
import io.kubee.controllers.util.PodControl;
import io.kubee.controllers.util.Selectors;
import io.kubee.runtime.Expectations;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code spec.replicas} pods of a ReplicaSet (or ReplicationController) running
 * (Kubernetes' pkg/controller/replicaset/replica_set.go): creates pods from the template in
 * slow-start batches, deletes the surplus in {@link ActivePodsWithRanks} order, adopts and
 * releases pods by selector, and reports status. Expectations keep a sync on a cache that has
 * not yet seen its own creates and deletes from acting again.
 */
public final class ReplicaSetController<R extends HasMetadata> extends QueueController {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);
  /** Kubernetes' {@code BurstReplicas}: the most pods one sync creates or deletes. */
  static final int BURST_REPLICAS = 500;

  private final ReplicaSetKind<R> kind;
  private final Lister<R> replicaSets;
  private final Lister<Pod> pods;
  private final KubeApi api;
  private final PodControl podControl;
  private final Events events;
  private final Expectations expectations;
  private final Clock clock;

  public ReplicaSetController(ReplicaSetKind<R> kind, Lister<R> replicaSets, Lister<Pod> pods,
      KubeApi api, Events events, Clock clock, ThreadFactory threads) {
    super(kind.controllerName(), threads);
    this.kind = kind;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.api = api;
    this.events = events;
    this.podControl = new PodControl(api, events);
    this.expectations = new Expectations(clock);
    this.clock = clock;
  }

  /** The controller over the shared informers of {@code context}, its handlers registered. */
  public static <R extends HasMetadata> ReplicaSetController<R> create(ReplicaSetKind<R> kind,
      ControllerContext context) {
    SharedIndexInformer<R> rsInformer = context.informers().forType(kind.type());
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    ReplicaSetController<R> controller = new ReplicaSetController<>(kind,
        new Lister<>(rsInformer.getIndexer()), new Lister<>(podInformer.getIndexer()),
        context.api(), context.events(kind.eventComponent()), context.clock(),
        context.threads());
    rsInformer.addEventHandler(controller.replicaSetHandler());
    podInformer.addEventHandler(controller.podHandler());
    return controller;
  }

  @Override
  public void resync() {
    replicaSets.list().forEach(this::enqueue);
  }

  public Expectations expectations() {
    return expectations;
  }

  @Override
  public void sync(String key) {
    R object = replicaSets.get(key);
    if (object == null) {
      expectations.delete(key);
      return;
    }
    ReplicaSet rs = kind.toReplicaSet(object);
    boolean needsSync = expectations.satisfied(key);
    if (rs.getSpec().getSelector() == null) {
      LOG.warn("{} has no selector: key={}", kind.kind(), key);
      return;
    }
    List<Pod> active = pods.list(Keys.namespace(key), Pods::isActive);
    List<Pod> owned = claimPods(object, rs, active);
    RuntimeException manageError = null;
    if (needsSync && rs.getMetadata().getDeletionTimestamp() == null) {
      try {
        manageReplicas(key, rs, owned);
      } catch (RuntimeException e) {
        manageError = e;
      }
    }
    ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, owned, manageError,
        clock.instant());
    ReplicaSet updated = updateStatus(object, rs, status);
    int replicas = ReplicaSetStatuses.replicas(updated);
    int minReady = ReplicaSetStatuses.minReadySeconds(updated);
    if (manageError == null && minReady > 0
        && Objects.equals(updated.getStatus().getReadyReplicas(), replicas)
        && !Objects.equals(updated.getStatus().getAvailableReplicas(), replicas)) {
      enqueueAfter(key, Duration.ofSeconds(minReady));
    }
    if (manageError != null) {
      throw manageError;
    }
  }

  private List<Pod> claimPods(R object, ReplicaSet rs, List<Pod> candidates) {
    OwnerReference ref = ControllerRefs.newControllerRef(rs, kind.apiVersion(), kind.kind());
    return new ControllerRefManager<>(api, rs, ref, Pod.class,
        () -> api.get(kind.type(), rs.getMetadata().getNamespace(), rs.getMetadata().getName()))
        .claim(candidates, pod -> Selectors.matches(rs.getSpec().getSelector(),
            pod.getMetadata().getLabels()));
  }

  /** Creates or deletes pods so that {@code owned} reaches {@code spec.replicas}. */
  private void manageReplicas(String key, ReplicaSet rs, List<Pod> owned) {
    int diff = owned.size() - ReplicaSetStatuses.replicas(rs);
    if (diff < 0) {
      int wanted = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, wanted);
      OwnerReference ref = ControllerRefs.newControllerRef(rs, kind.apiVersion(), kind.kind());
      int created = 0;
      RuntimeException failure = null;
      // slowStartBatch: 1, 2, 4, ... creations, stopping after the first batch that fails, so
      // that a quota or admission refusal costs one request rather than hundreds
      for (int batch = 1; created < wanted && failure == null; batch *= 2) {
        int size = Math.min(batch, wanted - created);
        for (int i = 0; i < size; i++) {
          try {
            podControl.createPod(rs.getSpec().getTemplate(), rs, ref);
          } catch (KubernetesClientException e) {
            expectations.creationObserved(key); // it will never be seen
            if (!namespaceTerminating(e) && failure == null) {
              failure = e;
            }
          }
        }
        created += size;
      }
      if (created < wanted) {
        expectations.lowerCreations(key, wanted - created);
      }
      if (failure != null) {
        throw failure;
      }
    } else if (diff > 0) {
      int count = Math.min(diff, BURST_REPLICAS);
      List<Pod> victims = podsToDelete(owned, relatedPods(rs), count, clock.instant());
      List<String> victimKeys = victims.stream().map(Keys::of).toList();
      expectations.expectDeletions(key, victimKeys);
      RuntimeException failure = null;
      for (Pod pod : victims) {
        try {
          if (!podControl.deletePod(pod.getMetadata().getNamespace(),
              pod.getMetadata().getName(), rs)) {
            expectations.deletionObserved(key, Keys.of(pod));
          }
        } catch (KubernetesClientException e) {
          expectations.deletionObserved(key, Keys.of(pod));
          if (failure == null) {
            failure = e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static boolean namespaceTerminating(KubernetesClientException e) {
    return e.getCode() == 403 && e.getMessage() != null
        && e.getMessage().contains("because it is being terminated");
  }

  /** {@code getPodsToDelete}: the first {@code count} by deletion order. */
  static List<Pod> podsToDelete(List<Pod> owned, List<Pod> related, int count,
      java.time.Instant now) {
    List<Pod> sorted = new ArrayList<>(owned);
    if (count < owned.size()) {
      Map<String, Integer> onNode = new java.util.HashMap<>();
      for (Pod pod : related) {
        if (Pods.isActive(pod)) {
          onNode.merge(nodeName(pod), 1, Integer::sum);
        }
      }
      Map<Pod, Integer> ranks = new IdentityHashMap<>();
      owned.forEach(pod -> ranks.put(pod, onNode.getOrDefault(nodeName(pod), 0)));
      sorted.sort(new ActivePodsWithRanks(ranks, now));
    }
    return sorted.subList(0, Math.min(count, sorted.size()));
  }

  /**
   * {@code getIndirectlyRelatedPods}: the pods of every replica set controlled by the same
   * owner (a deployment's old and new replica sets), for ranking pods that share a node.
   */
  private List<Pod> relatedPods(ReplicaSet rs) {
    OwnerReference owner = ControllerRefs.controllerOf(rs);
    Set<String> siblings = new HashSet<>();
    siblings.add(rs.getMetadata().getUid());
    if (owner != null) {
      for (R other : replicaSets.list(rs.getMetadata().getNamespace())) {
        if (ControllerRefs.isControlledBy(other, owner.getUid())) {
          siblings.add(other.getMetadata().getUid());
        }
      }
    }
    return pods.list(rs.getMetadata().getNamespace(), pod -> {
      OwnerReference ref = ControllerRefs.controllerOf(pod);
      return ref != null && siblings.contains(ref.getUid());
    });
  }

  private static String nodeName(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? ""
        : pod.getSpec().getNodeName();
  }

  /** Writes the status when it changed; on a conflict, once more on a fresh read. */
  private ReplicaSet updateStatus(R object, ReplicaSet rs, ReplicaSetStatus status) {
    if (!ReplicaSetStatuses.needsUpdate(rs, status)) {
      return rs;
    }
    R current = object;
    for (int attempt = 0; ; attempt++) {
      status.setObservedGeneration(current.getMetadata().getGeneration());
      try {
        return kind.toReplicaSet(api.updateStatus(kind.withStatus(current, status)));
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 0) {
          throw e;
        }
        current = api.get(kind.type(), rs.getMetadata().getNamespace(),
            rs.getMetadata().getName());
        if (current == null) {
          return rs;
        }
      }
    }
  }

  // ---- informer handlers: they only queue keys and observe expectations ----

  private ResourceEventHandler<R> replicaSetHandler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(R object) {
        enqueue(object);
      }

      @Override
      public void onUpdate(R old, R current) {
        enqueue(current);
      }

      @Override
      public void onDelete(R object, boolean finalStateUnknown) {
        expectations.delete(Keys.of(object));
        enqueue(object);
      }
    };
  }

  ResourceEventHandler<Pod> podHandler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        addPod(pod);
      }

      @Override
      public void onUpdate(Pod old, Pod current) {
        updatePod(old, current);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        deletePod(pod);
      }
    };
  }

  void addPod(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      // restarted controller: a pod already being deleted counts as a deletion
      deletePod(pod);
      return;
    }
    OwnerReference ref = ControllerRefs.controllerOf(pod);
    if (ref != null) {
      R owner = resolve(pod.getMetadata().getNamespace(), ref);
      if (owner != null) {
        expectations.creationObserved(Keys.of(owner));
        enqueue(owner);
      }
      return;
    }
    replicaSetsSelecting(pod).forEach(this::enqueue);
  }

  void updatePod(Pod old, Pod current) {
    if (Objects.equals(old.getMetadata().getResourceVersion(),
        current.getMetadata().getResourceVersion())) {
      return; // a resync: nothing changed
    }
    boolean labelsChanged = !Objects.equals(old.getMetadata().getLabels(),
        current.getMetadata().getLabels());
    if (current.getMetadata().getDeletionTimestamp() != null) {
      deletePod(current);
      if (labelsChanged) {
        deletePod(old);
      }
      return;
    }
    OwnerReference currentRef = ControllerRefs.controllerOf(current);
    OwnerReference oldRef = ControllerRefs.controllerOf(old);
    boolean refChanged = !Objects.equals(currentRef, oldRef);
    if (refChanged && oldRef != null) {
      R previous = resolve(old.getMetadata().getNamespace(), oldRef);
      if (previous != null) {
        enqueue(previous);
      }
    }
    if (currentRef != null) {
      R owner = resolve(current.getMetadata().getNamespace(), currentRef);
      if (owner != null) {
        enqueue(owner);
        int minReady = ReplicaSetStatuses.minReadySeconds(kind.toReplicaSet(owner));
        if (!Pods.isReady(old) && Pods.isReady(current) && minReady > 0) {
          // check availability again once the pod has been ready long enough
          enqueueAfter(Keys.of(owner), Duration.ofSeconds(minReady + 1L));
        }
      }
      return;
    }
    if (labelsChanged || refChanged) {
      replicaSetsSelecting(current).forEach(this::enqueue);
    }
  }

  void deletePod(Pod pod) {
    OwnerReference ref = ControllerRefs.controllerOf(pod);
    if (ref == null) {
      return;
    }
    R owner = resolve(pod.getMetadata().getNamespace(), ref);
    if (owner != null) {
      expectations.deletionObserved(Keys.of(owner), Keys.of(pod));
      enqueue(owner);
    }
  }

  /** {@code resolveControllerRef}: the cached owner the reference names, same uid, or null. */
  private R resolve(String namespace, OwnerReference ref) {
    if (!kind.kind().equals(ref.getKind())) {
      return null;
    }
    R owner = replicaSets.get(namespace, ref.getName());
    return owner != null && ref.getUid().equals(owner.getMetadata().getUid()) ? owner : null;
  }

  /** {@code getPodReplicaSets}: the replica sets whose (non-empty) selector matches. */
  private List<R> replicaSetsSelecting(Pod pod) {
    return replicaSets.list(pod.getMetadata().getNamespace(), candidate -> {
      ReplicaSet rs = kind.toReplicaSet(candidate);
      return rs.getSpec().getSelector() != null && !Selectors.isEmpty(rs.getSpec().getSelector())
          && Selectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels());
    });
  }
}
