package io.kubee.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.Events;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.SharedInformers;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Evicts pods from nodes with NoExecute taints (pkg/controller/tainteviction/taint_eviction.go):
 * a pod that does not tolerate every such taint of its node is deleted at once; one that
 * tolerates them for a while ({@code tolerationSeconds}, 300 s by default from the
 * DefaultTolerationSeconds admission plugin) is deleted when the shortest toleration, counted
 * from when the controller saw the taint, runs out — unless the taint goes first. The pod gets
 * the DisruptionTarget condition (DeletionByTaintManager) and a TaintManagerEviction event.
 *
 * <p>Queue keys are {@code node/<name>} (re-examine that node's pods) and
 * {@code pod/<namespace>/<name>}. A scheduled eviction is a delayed pod key plus its record
 * here; when it fires, the sync checks the caches again before deleting.
 */
public final class TaintEvictionController extends QueueController {
  public static final String NAME = "taint-eviction-controller";
  private static final String NODE = "node/";
  private static final String POD = "pod/";

  /** A pending eviction: since when the pod's taints have been tolerated, and until when. */
  record Scheduled(Instant since, Instant fireAt) {}

  private final Lister<Node> nodes;
  private final Lister<Pod> pods;
  private final KubeApi api;
  private final Events events;
  private final Clock clock;
  private final Map<String, Scheduled> scheduled = new ConcurrentHashMap<>();

  public TaintEvictionController(Lister<Node> nodes, Lister<Pod> pods, KubeApi api,
      Events events, Clock clock, ThreadFactory threads) {
    super(NAME, threads);
    this.nodes = nodes;
    this.pods = pods;
    this.api = api;
    this.events = events;
    this.clock = clock;
  }

  public static TaintEvictionController create(ControllerContext context) {
    SharedIndexInformer<Node> nodeInformer = context.informers().forType(Node.class);
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    context.informers().podsByNode(podInformer);
    TaintEvictionController controller = new TaintEvictionController(
        new Lister<>(nodeInformer.getIndexer()), new Lister<>(podInformer.getIndexer()),
        context.api(), context.events(NAME), context.clock(), context.threads());
    nodeInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        controller.enqueue(NODE + node.getMetadata().getName());
      }

      @Override
      public void onUpdate(Node old, Node node) {
        if (!Objects.equals(Taints.withEffect(old, Taints.NO_EXECUTE),
            Taints.withEffect(node, Taints.NO_EXECUTE))) {
          controller.enqueue(NODE + node.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(Node node, boolean finalStateUnknown) {
        controller.enqueue(NODE + node.getMetadata().getName());
      }
    });
    podInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        controller.podChanged(pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        if (!Objects.equals(old.getSpec().getNodeName(), pod.getSpec().getNodeName())
            || !Objects.equals(old.getSpec().getTolerations(), pod.getSpec().getTolerations())) {
          controller.podChanged(pod);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        controller.podChanged(pod);
      }
    });
    return controller;
  }

  void podChanged(Pod pod) {
    enqueue(POD + Keys.of(pod));
  }

  @Override
  public void resync() {
    nodes.list().forEach(node -> enqueue(NODE + node.getMetadata().getName()));
  }

  @Override
  public void sync(String key) {
    if (key.startsWith(NODE)) {
      String nodeName = key.substring(NODE.length());
      for (Pod pod : pods.byIndex(SharedInformers.POD_NODE_NAME_INDEX, nodeName)) {
        process(Keys.of(pod), pod);
      }
      return;
    }
    String podKey = key.substring(POD.length());
    process(podKey, pods.get(podKey));
  }

  /** {@code processPodOnNode}, then the eviction when it is due. */
  private void process(String podKey, Pod pod) {
    if (pod == null || !Pods.isScheduled(pod) || Pods.isTerminal(pod)) {
      cancel(podKey, pod);
      return;
    }
    Node node = nodes.get(pod.getSpec().getNodeName());
    List<Taint> taints = node == null ? List.of() : Taints.withEffect(node, Taints.NO_EXECUTE);
    if (taints.isEmpty()) {
      cancel(podKey, pod);
      return;
    }
    Instant now = clock.instant();
    Taints.Matching matching = Taints.matching(taints, pod.getSpec().getTolerations());
    Scheduled previous = scheduled.get(podKey);
    Scheduled next;
    if (!matching.allTolerated()) {
      next = new Scheduled(now, now);
    } else {
      long seconds = Taints.minTolerationSeconds(matching.used());
      if (seconds < 0) {
        cancel(podKey, pod); // tolerated forever
        return;
      }
      Instant since = previous != null ? previous.since() : now;
      next = new Scheduled(since, since.plusSeconds(seconds));
    }
    scheduled.put(podKey, next);
    if (next.fireAt().isAfter(now)) {
      enqueueAfter(POD + podKey, Duration.between(now, next.fireAt()));
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return; // already on its way out
    }
    evict(pod);
  }

  /** {@code cancelWorkWithEvent}: a scheduled eviction that is no longer due is dropped. */
  private void cancel(String podKey, Pod pod) {
    if (scheduled.remove(podKey) != null && pod != null
        && pod.getMetadata().getDeletionTimestamp() == null) {
      events.event(pod, Events.NORMAL, "TaintManagerEviction",
          "Cancelling deletion of Pod " + podKey);
    }
  }

  /** {@code addConditionAndDeletePod}. */
  private void evict(Pod cached) {
    String podKey = Keys.of(cached);
    events.event(cached, Events.NORMAL, "TaintManagerEviction",
        "Marking for deletion Pod " + podKey);
    Pod pod = api.get(Pod.class, cached.getMetadata().getNamespace(),
        cached.getMetadata().getName());
    if (pod == null) {
      scheduled.remove(podKey);
      return;
    }
    Pod copy = Json.copy(pod);
    List<PodCondition> conditions = copy.getStatus().getConditions() == null
        ? new ArrayList<>() : new ArrayList<>(copy.getStatus().getConditions());
    boolean present = conditions.stream().anyMatch(c -> "DisruptionTarget".equals(c.getType())
        && "True".equals(c.getStatus()) && "DeletionByTaintManager".equals(c.getReason()));
    if (!present) {
      conditions.removeIf(c -> "DisruptionTarget".equals(c.getType()));
      conditions.add(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
          .withReason("DeletionByTaintManager")
          .withMessage("Taint manager: deleting due to NoExecute taint")
          .withLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
          .build());
      copy.getStatus().setConditions(conditions);
      try {
        api.updateStatus(copy);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          scheduled.remove(podKey);
          return;
        }
        throw e;
      }
    }
    api.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        Deletion.DEFAULT);
    scheduled.remove(podKey);
  }

  /** The scheduled eviction of a pod, for tests; null when none. */
  Scheduled scheduled(String podKey) {
    return scheduled.get(podKey);
  }
}
