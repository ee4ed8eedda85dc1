package io.kubee.api.registry;

import java.util.List;
import java.util.Map;

/**
 * A subresource as discovery describes it: the kind its requests and answers carry (which may
 * live in another group: {@code deployments/scale} speaks {@code autoscaling/v1 Scale}) and its
 * verbs. Kubernetes' {@code APIResource} entries for "pods/status", "pods/eviction"...
 *
 * @param group   the group of {@code kind}, null when it is the parent's
 * @param version the version of {@code kind}, null when it is the parent's
 * @param kind    the kind, null when it is the parent's own kind
 */
public record Subresource(String name, String group, String version, String kind,
    List<String> verbs) {

  private static final List<String> READ_WRITE = List.of("get", "patch", "update");
  private static final List<String> CONNECT = List.of("create", "get");
  private static final List<String> PROXY = List.of("create", "delete", "get", "patch", "update");

  /** The subresources Kubee knows, by name; "proxy" takes its kind from the parent. */
  private static final Map<String, Subresource> KNOWN = Map.of(
      "status", new Subresource("status", null, null, null, READ_WRITE),
      "scale", new Subresource("scale", "autoscaling", "v1", "Scale", READ_WRITE),
      "binding", new Subresource("binding", null, null, "Binding", List.of("create")),
      "eviction", new Subresource("eviction", "policy", "v1", "Eviction", List.of("create")),
      "log", new Subresource("log", null, null, null, List.of("get")),
      "exec", new Subresource("exec", null, null, "PodExecOptions", CONNECT),
      "attach", new Subresource("attach", null, null, "PodAttachOptions", CONNECT),
      "portforward", new Subresource("portforward", null, null, "PodPortForwardOptions", CONNECT),
      "proxy", new Subresource("proxy", null, null, null, PROXY),
      "finalize", new Subresource("finalize", null, null, null, List.of("update")));

  /** The description of {@code name} under {@code parent}. */
  public static Subresource of(ResourceType parent, String name) {
    Subresource known = KNOWN.get(name);
    if (known == null) {
      throw new IllegalArgumentException("unknown subresource " + name);
    }
    String kind = known.kind();
    if (kind == null) {
      kind = name.equals("proxy") ? parent.kind() + "ProxyOptions" : parent.kind();
    }
    return new Subresource(name,
        known.group() == null ? parent.group() : known.group(),
        known.version() == null ? parent.version() : known.version(),
        kind, known.verbs());
  }

  static boolean isKnown(String name) {
    return KNOWN.containsKey(name);
  }
}
