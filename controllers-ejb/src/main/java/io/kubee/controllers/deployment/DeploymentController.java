package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.Events;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.ControllerRefManager;
import io.kubee.controllers.util.ControllerRefs;
import io.kubee.controllers.util.Json;
import io.kubee.controllers.util.Selectors;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Lister;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Rolls deployments out through replica sets (pkg/controller/deployment/deployment_controller.go):
 * claims its replica sets by selector, then, by state, only reports status (being deleted),
 * scales (paused, or a scaling event: proportionally), or rolls out with the RollingUpdate or
 * Recreate strategy. Rollback is kubectl's: it copies an old replica set's template into the
 * deployment, which makes that replica set the new one with the next revision.
 */
public final class DeploymentController extends QueueController {
  public static final String NAME = "deployment";

  private final Lister<Deployment> deployments;
  private final Lister<ReplicaSet> replicaSets;
  private final Lister<Pod> pods;
  private final KubeApi api;
  private final Events events;
  private final Clock clock;
  private final DeploymentSync sync;
  private final DeploymentProgress progress;
  private final RolloutRolling rolling;
  private final RolloutRecreate recreate;

  public DeploymentController(Lister<Deployment> deployments, Lister<ReplicaSet> replicaSets,
      Lister<Pod> pods, KubeApi api, Events events, Clock clock, ThreadFactory threads) {
    super(NAME, threads);
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.api = api;
    this.events = events;
    this.clock = clock;
    this.sync = new DeploymentSync(api, events, clock, replicaSets);
    this.progress = new DeploymentProgress(sync, this::enqueueAfter);
    this.rolling = new RolloutRolling(sync, progress);
    this.recreate = new RolloutRecreate(sync, progress);
  }

  public static DeploymentController create(ControllerContext context) {
    SharedIndexInformer<Deployment> deploymentInformer =
        context.informers().forType(Deployment.class);
    SharedIndexInformer<ReplicaSet> rsInformer = context.informers().forType(ReplicaSet.class);
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    DeploymentController controller = new DeploymentController(
        new Lister<>(deploymentInformer.getIndexer()), new Lister<>(rsInformer.getIndexer()),
        new Lister<>(podInformer.getIndexer()), context.api(),
        context.events("deployment-controller"), context.clock(), context.threads());
    deploymentInformer.addEventHandler(controller.deploymentHandler());
    rsInformer.addEventHandler(controller.replicaSetHandler());
    podInformer.addEventHandler(controller.podHandler());
    return controller;
  }

  @Override
  public void resync() {
    deployments.list().forEach(this::enqueue);
  }

  @Override
  public void sync(String key) {
    Deployment cached = deployments.get(key);
    if (cached == null) {
      return;
    }
    Deployment d = Json.copy(cached);
    if (d.getSpec().getSelector() != null && Selectors.isEmpty(d.getSpec().getSelector())) {
      events.event(d, Events.WARNING, "SelectingAll",
          "This deployment is selecting all pods. A non-empty selector is required.");
      long observed = d.getStatus() == null || d.getStatus().getObservedGeneration() == null
          ? 0 : d.getStatus().getObservedGeneration();
      if (observed < d.getMetadata().getGeneration()) {
        DeploymentSync.status(d).setObservedGeneration(d.getMetadata().getGeneration());
        sync.updateStatus(d);
      }
      return;
    }
    List<ReplicaSet> owned = new ArrayList<>(claimReplicaSets(d));
    if (d.getMetadata().getDeletionTimestamp() != null) {
      sync.syncStatusOnly(d, owned);
      return;
    }
    checkPausedConditions(d);
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      sync.sync(d, owned);
      return;
    }
    if (sync.isScalingEvent(d, owned)) {
      sync.sync(d, owned);
      return;
    }
    if ("Recreate".equals(d.getSpec().getStrategy().getType())) {
      recreate.rollout(d, owned, podsByReplicaSet(d, owned));
    } else {
      rolling.rollout(d, owned);
    }
  }

  /** {@code getReplicaSetsForDeployment}: adopts and releases by selector. */
  private List<ReplicaSet> claimReplicaSets(Deployment d) {
    OwnerReference ref = ControllerRefs.newControllerRef(d, "apps/v1", "Deployment");
    List<ReplicaSet> candidates = replicaSets.list(d.getMetadata().getNamespace());
    return new ControllerRefManager<>(api, d, ref, ReplicaSet.class,
        () -> api.get(Deployment.class, d.getMetadata().getNamespace(),
            d.getMetadata().getName()))
        .claim(candidates, rs -> Selectors.matches(d.getSpec().getSelector(),
            rs.getMetadata().getLabels()));
  }

  /** {@code getPodMapForDeployment}: its selected pods, by the uid of their replica set. */
  private Map<String, List<Pod>> podsByReplicaSet(Deployment d, List<ReplicaSet> owned) {
    Map<String, List<Pod>> byUid = new HashMap<>();
    owned.forEach(rs -> byUid.put(rs.getMetadata().getUid(), new ArrayList<>()));
    for (Pod pod : pods.list(d.getMetadata().getNamespace(),
        p -> Selectors.matches(d.getSpec().getSelector(), p.getMetadata().getLabels()))) {
      OwnerReference ref = ControllerRefs.controllerOf(pod);
      if (ref != null && byUid.containsKey(ref.getUid())) {
        byUid.get(ref.getUid()).add(pod);
      }
    }
    return byUid;
  }

  /**
   * {@code checkPausedConditions}: Progressing becomes Unknown/DeploymentPaused while paused and
   * Unknown/DeploymentResumed on resume, so that the deadline does not run while paused.
   */
  private void checkPausedConditions(Deployment d) {
    if (!DeploymentSync.hasProgressDeadline(d)) {
      return;
    }
    DeploymentCondition current = DeploymentConditions.get(d.getStatus(),
        DeploymentConditions.PROGRESSING);
    if (current != null && DeploymentConditions.TIMED_OUT.equals(current.getReason())) {
      return;
    }
    boolean pausedCondition = current != null
        && DeploymentConditions.PAUSED.equals(current.getReason());
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    if (paused && !pausedCondition) {
      DeploymentConditions.set(DeploymentSync.status(d), DeploymentConditions.create(
          DeploymentConditions.PROGRESSING, "Unknown", DeploymentConditions.PAUSED,
          "Deployment is paused", clock.instant()));
    } else if (!paused && pausedCondition) {
      DeploymentConditions.set(DeploymentSync.status(d), DeploymentConditions.create(
          DeploymentConditions.PROGRESSING, "Unknown", DeploymentConditions.RESUMED,
          "Deployment is resumed", clock.instant()));
    } else {
      return;
    }
    sync.updateStatus(d);
  }

  // ---- handlers ----

  private ResourceEventHandler<Deployment> deploymentHandler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment d) {
        enqueue(d);
      }

      @Override
      public void onUpdate(Deployment old, Deployment current) {
        enqueue(current);
      }

      @Override
      public void onDelete(Deployment d, boolean finalStateUnknown) {
        enqueue(d);
      }
    };
  }

  ResourceEventHandler<ReplicaSet> replicaSetHandler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(ReplicaSet rs) {
        OwnerReference ref = ControllerRefs.controllerOf(rs);
        if (ref != null) {
          enqueueOwner(rs.getMetadata().getNamespace(), ref);
          return;
        }
        deploymentsSelecting(rs).forEach(DeploymentController.this::enqueue);
      }

      @Override
      public void onUpdate(ReplicaSet old, ReplicaSet current) {
        if (Objects.equals(old.getMetadata().getResourceVersion(),
            current.getMetadata().getResourceVersion())) {
          return;
        }
        OwnerReference currentRef = ControllerRefs.controllerOf(current);
        OwnerReference oldRef = ControllerRefs.controllerOf(old);
        boolean refChanged = !Objects.equals(currentRef, oldRef);
        if (refChanged && oldRef != null) {
          enqueueOwner(old.getMetadata().getNamespace(), oldRef);
        }
        if (currentRef != null) {
          enqueueOwner(current.getMetadata().getNamespace(), currentRef);
          return;
        }
        if (refChanged || !Objects.equals(old.getMetadata().getLabels(),
            current.getMetadata().getLabels())) {
          deploymentsSelecting(current).forEach(DeploymentController.this::enqueue);
        }
      }

      @Override
      public void onDelete(ReplicaSet rs, boolean finalStateUnknown) {
        OwnerReference ref = ControllerRefs.controllerOf(rs);
        if (ref != null) {
          enqueueOwner(rs.getMetadata().getNamespace(), ref);
        }
      }
    };
  }

  /** Pod deletions matter to Recreate deployments, which wait for old pods to be gone. */
  private ResourceEventHandler<Pod> podHandler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {}

      @Override
      public void onUpdate(Pod old, Pod current) {}

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        OwnerReference ref = ControllerRefs.controllerOf(pod);
        if (ref == null || !"ReplicaSet".equals(ref.getKind())) {
          return;
        }
        ReplicaSet rs = replicaSets.get(pod.getMetadata().getNamespace(), ref.getName());
        OwnerReference owner = rs == null ? null : ControllerRefs.controllerOf(rs);
        Deployment d = owner == null ? null : resolve(rs.getMetadata().getNamespace(), owner);
        if (d != null && "Recreate".equals(d.getSpec().getStrategy().getType())) {
          enqueue(d);
        }
      }
    };
  }

  private void enqueueOwner(String namespace, OwnerReference ref) {
    Deployment d = resolve(namespace, ref);
    if (d != null) {
      enqueue(d);
    }
  }

  private Deployment resolve(String namespace, OwnerReference ref) {
    if (!"Deployment".equals(ref.getKind())) {
      return null;
    }
    Deployment d = deployments.get(namespace, ref.getName());
    return d != null && ref.getUid().equals(d.getMetadata().getUid()) ? d : null;
  }

  private List<Deployment> deploymentsSelecting(ReplicaSet rs) {
    return deployments.list(rs.getMetadata().getNamespace(), d ->
        d.getSpec().getSelector() != null && !Selectors.isEmpty(d.getSpec().getSelector())
            && Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels()));
  }

  String keyOf(Deployment d) {
    return Keys.of(d);
  }
}
