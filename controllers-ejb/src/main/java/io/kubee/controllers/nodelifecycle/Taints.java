package io.kubee.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Node taints as the node lifecycle and taint eviction controllers handle them
 * ({@code taintutils}, {@code controllerutil.SwapNodeControllerTaint}, {@code v1helper}
 * toleration matching): taints are identified by key and effect, added with timeAdded, and
 * written with a merge patch of the whole list under the node's resourceVersion, retried once
 * on a fresh read after a conflict.
 */
public final class Taints {
  public static final String NOT_READY = "node.kubernetes.io/not-ready";
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
  public static final String NO_EXECUTE = "NoExecute";
  public static final String NO_SCHEDULE = "NoSchedule";

  private Taints() {}

  static Taint taint(String key, String effect) {
    return new TaintBuilder().withKey(key).withEffect(effect).build();
  }

  /** Whether {@code taints} hold one with the key and effect of {@code wanted}. */
  static boolean exists(List<Taint> taints, Taint wanted) {
    return taints != null && taints.stream().anyMatch(t -> sameTaint(t, wanted));
  }

  static boolean sameTaint(Taint a, Taint b) {
    return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getEffect(), b.getEffect());
  }

  public static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
  }

  /** The node's taints of {@code effect}. */
  public static List<Taint> withEffect(Node node, String effect) {
    return taints(node).stream().filter(t -> effect.equals(t.getEffect())).toList();
  }

  /**
   * Adds {@code add} (timeAdded now) and removes {@code remove} from the node's taints; true
   * when the node has them so afterwards. Starts from {@code node} (a cached copy) and
   * re-reads it once if it was stale.
   */
  static boolean swap(KubeApi api, Node node, List<Taint> add, List<Taint> remove, Instant now) {
    Node current = node;
    for (int attempt = 0; attempt < 2 && current != null; attempt++) {
      List<Taint> wanted = new ArrayList<>();
      for (Taint t : taints(current)) {
        boolean kept = add.stream().anyMatch(a -> sameTaint(a, t))
            || remove.stream().noneMatch(r -> sameTaint(r, t));
        if (kept) {
          wanted.add(t);
        }
      }
      for (Taint t : add) {
        if (!exists(wanted, t)) {
          wanted.add(new TaintBuilder(t)
              .withTimeAdded(now.truncatedTo(ChronoUnit.SECONDS).toString()).build());
        }
      }
      if (wanted.equals(taints(current))) {
        return true;
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("resourceVersion", current.getMetadata().getResourceVersion());
      String patch = Json.write(Map.of("metadata", metadata, "spec", Map.of("taints", wanted)));
      try {
        return api.patch(Node.class, "", current.getMetadata().getName(), patch) != null;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        current = api.get(Node.class, "", node.getMetadata().getName());
      }
    }
    return false;
  }

  /**
   * {@code GetMatchingTolerations}: whether every taint is tolerated, and the tolerations that
   * tolerate at least one of them.
   */
  record Matching(boolean allTolerated, List<Toleration> used) {}

  static Matching matching(List<Taint> taints, List<Toleration> tolerations) {
    List<Toleration> used = new ArrayList<>();
    List<Toleration> all = tolerations == null ? List.of() : tolerations;
    for (Taint taint : taints) {
      boolean tolerated = false;
      for (Toleration toleration : all) {
        if (tolerates(toleration, taint)) {
          tolerated = true;
          used.add(toleration);
        }
      }
      if (!tolerated) {
        return new Matching(false, List.of());
      }
    }
    return new Matching(true, used);
  }

  /** {@code Toleration.ToleratesTaint}. */
  static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey();
    if (key != null && !key.isEmpty() && !key.equals(taint.getKey())) {
      return false;
    }
    String operator = toleration.getOperator() == null || toleration.getOperator().isEmpty()
        ? "Equal" : toleration.getOperator();
    return switch (operator) {
      case "Exists" -> true;
      case "Equal" -> Objects.equals(emptyIfNull(toleration.getValue()),
          emptyIfNull(taint.getValue()));
      default -> false;
    };
  }

  /**
   * {@code getMinTolerationTime}: the shortest tolerationSeconds among {@code used} (never
   * negative), or -1 when they all tolerate forever.
   */
  static long minTolerationSeconds(List<Toleration> used) {
    long min = -1;
    for (Toleration toleration : used) {
      if (toleration.getTolerationSeconds() == null) {
        continue;
      }
      long seconds = Math.max(0, toleration.getTolerationSeconds());
      min = min < 0 ? seconds : Math.min(min, seconds);
    }
    return min;
  }

  private static String emptyIfNull(String value) {
    return value == null ? "" : value;
  }

  /** A copy of {@code node} for writing. */
  static Node copy(Node node) {
    return Json.copy(node);
  }
}
