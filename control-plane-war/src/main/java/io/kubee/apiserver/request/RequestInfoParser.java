package io.kubee.apiserver.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves {@link RequestInfo} from a request's method, path and {@code watch} parameter, with
 * the rules of Kubernetes' {@code RequestInfoFactory}:
 * <pre>
 * /api/{version}/{resource}
 * /api/{version}/{resource}/{name}[/{subresource}]
 * /api/{version}/namespaces/{namespace}/{resource}[/{name}[/{subresource}]]
 * /api/{version}/watch/...                  (legacy watch prefix)
 * /apis/{group}/{version}/...               (the same below the version)
 * </pre>
 * {@code /api/v1/namespaces/{name}/status} and {@code .../finalize} are subresources of the
 * namespace, not collections. Stateless and thread-safe.
 */
public final class RequestInfoParser {
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  private RequestInfoParser() {}

  /**
   * @param method HTTP method
   * @param path   the request path, starting with /api or /apis (no query)
   * @param watch  the value of the {@code watch} query parameter, or null
   */
  public static RequestInfo parse(String method, String path, String watch) {
    String verb = method.toLowerCase(Locale.ROOT);
    List<String> parts = split(path);
    if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
      return nonResource(path, verb);
    }
    boolean core = parts.get(0).equals("api");
    int minimum = core ? 3 : 4; // prefix [group] version resource
    if (parts.size() < minimum) {
      String group = core || parts.size() < 2 ? "" : parts.get(1);
      String version = core ? (parts.size() > 1 ? parts.get(1) : "")
          : (parts.size() > 2 ? parts.get(2) : "");
      return new RequestInfo(false, path, verb, group, version, "", "", "", "");
    }
    String group = core ? "" : parts.get(1);
    String version = core ? parts.get(1) : parts.get(2);
    List<String> rest = new ArrayList<>(parts.subList(minimum - 1, parts.size()));

    boolean legacyWatch = false;
    if (rest.get(0).equals("watch")) {
      legacyWatch = true;
      rest.remove(0);
      if (rest.isEmpty()) {
        return new RequestInfo(false, path, verb, group, version, "", "", "", "");
      }
    }

    String namespace = "";
    if (rest.get(0).equals("namespaces") && rest.size() > 1) {
      namespace = rest.get(1);
      if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        rest = rest.subList(2, rest.size());
      }
    }

    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : "";
    String subresource = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : "";

    switch (verb) {
      case "post" -> verb = "create";
      case "get", "head" -> {
        if (legacyWatch || isTrue(watch)) {
          verb = "watch";
        } else {
          verb = name.isEmpty() ? "list" : "get";
        }
      }
      case "put" -> verb = "update";
      case "patch" -> verb = "patch";
      case "delete" -> verb = name.isEmpty() ? "deletecollection" : "delete";
      default -> { }
    }
    return new RequestInfo(true, path, verb, group, version, namespace, resource, name, subresource);
  }

  private static RequestInfo nonResource(String path, String verb) {
    return new RequestInfo(false, path, verb, "", "", "", "", "", "");
  }

  /** As Kubernetes: any value but "false" and "0" asks for a watch. */
  private static boolean isTrue(String value) {
    if (value == null) {
      return false;
    }
    String v = value.toLowerCase(Locale.ROOT);
    return !v.equals("false") && !v.equals("0");
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
