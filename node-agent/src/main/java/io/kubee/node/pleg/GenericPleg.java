package io.kubee.node.pleg;

import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.Container;
import io.kubee.node.cri.v1.PodSandbox;
import io.kubee.node.kuberuntime.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod lifecycle event generator (k8s.io/kubernetes {@code pkg/kubelet/pleg/generic.go}):
 * relists every sandbox and container of the runtime once per period (two CRI calls), compares
 * with the previous relist, and reports each pod whose sandboxes or containers changed state
 * (started, died, removed) so its worker syncs it — a container that exits is seen within a
 * relist period. Healthy while relists succeed within the threshold (kubelet: 3 min); an
 * unhealthy PLEG makes the node NotReady.
 */
public final class GenericPleg implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(GenericPleg.class);

  /** One pod as the last relist saw it. */
  public record RuntimePod(String uid, String namespace, String name,
      Map<String, String> states) {}

  private final RuntimeService runtime;
  private final Consumer<String> onChange;
  private final Clock clock;
  private final Duration threshold;
  private volatile Map<String, RuntimePod> pods = Map.of();
  private volatile Instant lastRelist;
  private volatile String lastError;

  public GenericPleg(RuntimeService runtime, Consumer<String> onChange, Clock clock,
      Duration threshold) {
    this.runtime = runtime;
    this.onChange = onChange;
    this.clock = clock;
    this.threshold = threshold;
    this.lastRelist = clock.instant();
  }

  @Override
  public void run() {
    try {
      relist();
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOG.warn("PLEG relist failed: {}", e.toString());
    }
  }

  /** One relist; reports changed pods. */
  public void relist() {
    Map<String, Map<String, String>> states = new HashMap<>();
    Map<String, String[]> names = new HashMap<>();
    for (PodSandbox s : runtime.listPodSandbox(null)) {
      String uid = s.getLabelsMap().get(Labels.POD_UID);
      if (uid == null) {
        continue;
      }
      states.computeIfAbsent(uid, k -> new HashMap<>()).put("sandbox/" + s.getId(),
          s.getState().name());
      names.putIfAbsent(uid, new String[] {s.getMetadata().getNamespace(),
          s.getMetadata().getName()});
    }
    for (Container c : runtime.listContainers(null)) {
      String uid = c.getLabelsMap().get(Labels.POD_UID);
      if (uid == null) {
        continue;
      }
      states.computeIfAbsent(uid, k -> new HashMap<>()).put("container/" + c.getId(),
          c.getState().name());
      names.putIfAbsent(uid, new String[] {c.getLabelsMap().getOrDefault(Labels.POD_NAMESPACE, ""),
          c.getLabelsMap().getOrDefault(Labels.POD_NAME, "")});
    }
    Map<String, RuntimePod> current = new HashMap<>();
    states.forEach((uid, s) -> current.put(uid,
        new RuntimePod(uid, names.get(uid)[0], names.get(uid)[1], Map.copyOf(s))));
    Map<String, RuntimePod> previous = pods;
    pods = Map.copyOf(current);
    lastRelist = clock.instant();
    lastError = null;
    Set<String> uids = new HashSet<>(previous.keySet());
    uids.addAll(current.keySet());
    for (String uid : uids) {
      RuntimePod before = previous.get(uid);
      RuntimePod after = current.get(uid);
      if (!Objects.equals(before == null ? null : before.states(),
          after == null ? null : after.states())) {
        onChange.accept(uid);
      }
    }
  }

  /** The pods the last relist saw, by uid. */
  public Map<String, RuntimePod> pods() {
    return pods;
  }

  /** Healthy while the last successful relist is recent (kubelet's PLEG health check). */
  public boolean healthy() {
    return Duration.between(lastRelist, clock.instant()).compareTo(threshold) <= 0;
  }

  public String lastError() {
    return lastError;
  }

  public Instant lastRelist() {
    return lastRelist;
  }
}
