package io.kubee.apiserver.admission;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' DefaultTolerationSeconds admission plugin
 * (plugin/pkg/admission/defaulttolerationseconds): a new pod that does not already tolerate
 * them gets NoExecute tolerations of the {@code node.kubernetes.io/not-ready} and
 * {@code node.kubernetes.io/unreachable} taints for 300 seconds ({@code
 * --default-not-ready-toleration-seconds}, {@code --default-unreachable-toleration-seconds}), so
 * that its pods leave a node that stopped answering five minutes after the node lifecycle
 * controller tainted it.
 */
public final class DefaultTolerationSeconds implements AdmissionPlugin {
  public static final String NOT_READY = "node.kubernetes.io/not-ready";
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  public static final long DEFAULT_SECONDS = 300;

  private final long notReadySeconds;
  private final long unreachableSeconds;

  public DefaultTolerationSeconds() {
    this(DEFAULT_SECONDS, DEFAULT_SECONDS);
  }

  public DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
    this.notReadySeconds = notReadySeconds;
    this.unreachableSeconds = unreachableSeconds;
  }

  @Override
  public String name() {
    return "DefaultTolerationSeconds";
  }

  @Override
  public boolean mutates() {
    return true;
  }

  @Override
  public void admit(AdmissionRequest request) {
    if (request.operation() != Operation.CREATE || !request.subresource().isEmpty()
        || !request.type().group().isEmpty() || !request.type().plural().equals("pods")
        || request.object() == null) {
      return;
    }
    ObjectNode spec = request.object().get("spec") instanceof ObjectNode s
        ? s : request.object().putObject("spec");
    boolean toleratesNotReady = false;
    boolean toleratesUnreachable = false;
    JsonNode tolerations = spec.get("tolerations");
    if (tolerations != null && tolerations.isArray()) {
      for (JsonNode toleration : tolerations) {
        String key = toleration.path("key").asString("");
        String effect = toleration.path("effect").asString("");
        boolean noExecute = effect.isEmpty() || effect.equals("NoExecute");
        toleratesNotReady |= noExecute && (key.isEmpty() || key.equals(NOT_READY));
        toleratesUnreachable |= noExecute && (key.isEmpty() || key.equals(UNREACHABLE));
      }
    }
    if (toleratesNotReady && toleratesUnreachable) {
      return;
    }
    ArrayNode list = tolerations instanceof ArrayNode a ? a : spec.putArray("tolerations");
    if (!toleratesNotReady) {
      add(list, NOT_READY, notReadySeconds);
    }
    if (!toleratesUnreachable) {
      add(list, UNREACHABLE, unreachableSeconds);
    }
  }

  private static void add(ArrayNode list, String key, long seconds) {
    list.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
        .put("tolerationSeconds", seconds);
  }
}
