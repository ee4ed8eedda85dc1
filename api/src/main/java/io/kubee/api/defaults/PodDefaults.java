package io.kubee.api.defaults;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults of pod specs, containers, probes and volumes ({@code SetDefaults_PodSpec},
 * {@code SetDefaults_Container}, {@code SetDefaults_Probe}, {@code SetDefaults_Volume}... in
 * {@code pkg/apis/core/v1/defaults.go} and the declarative defaults of {@code k8s.io/api/core/v1}).
 * Only fills what is absent, so applying twice changes nothing.
 */
final class PodDefaults {
  private PodDefaults() {}

  static final int DEFAULT_FILE_MODE = 0644; // 420
  private static final Pattern REPOSITORY = Pattern.compile(
      "(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
          + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  /**
   * @param isPod true for a Pod: also the defaults Kubernetes gives Pods only (enableServiceLinks,
   *     requests from limits, host ports with host networking), not pod templates
   */
  static void podSpec(ObjectNode spec, boolean isPod) {
    Nodes.putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    Nodes.putIfAbsent(spec, "restartPolicy", "Always");
    if (!Nodes.has(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    if (!Nodes.has(spec, "terminationGracePeriodSeconds")) {
      spec.put("terminationGracePeriodSeconds", 30L);
    }
    Nodes.putIfAbsent(spec, "schedulerName", "default-scheduler");
    for (ObjectNode volume : Nodes.objects(spec, "volumes")) {
      volume(volume);
    }
    for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (ObjectNode c : Nodes.objects(spec, kind)) {
        container(c);
      }
    }
    if (isPod) {
      for (String kind : List.of("containers", "initContainers")) {
        for (ObjectNode c : Nodes.objects(spec, kind)) {
          requestsFromLimits(c);
        }
      }
      if (!Nodes.has(spec, "enableServiceLinks")) {
        spec.put("enableServiceLinks", true);
      }
      if (Nodes.bool(spec, "hostNetwork")) {
        for (String kind : List.of("containers", "initContainers")) {
          for (ObjectNode c : Nodes.objects(spec, kind)) {
            for (ObjectNode port : Nodes.objects(c, "ports")) {
              if (Nodes.longValue(port, "hostPort") == 0 && Nodes.has(port, "containerPort")) {
                port.set("hostPort", port.get("containerPort").deepCopy());
              }
            }
          }
        }
      }
    }
  }

  private static void container(ObjectNode c) {
    if (!Nodes.has(c, "imagePullPolicy")) {
      c.put("imagePullPolicy", "latest".equals(imageTag(Nodes.text(c, "image")))
          ? "Always" : "IfNotPresent");
    }
    Nodes.putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    Nodes.putIfAbsent(c, "terminationMessagePolicy", "File");
    for (ObjectNode port : Nodes.objects(c, "ports")) {
      Nodes.putIfAbsent(port, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      ObjectNode p = Nodes.object(c, probe);
      if (p != null) {
        probe(p);
      }
    }
    ObjectNode lifecycle = Nodes.object(c, "lifecycle");
    if (lifecycle != null) {
      for (String hook : List.of("postStart", "preStop")) {
        ObjectNode h = Nodes.object(lifecycle, hook);
        if (h != null) {
          httpGet(Nodes.object(h, "httpGet"));
        }
      }
    }
    for (ObjectNode env : Nodes.objects(c, "env")) {
      ObjectNode fieldRef = Nodes.object(Nodes.object(env, "valueFrom"), "fieldRef");
      if (fieldRef != null) {
        Nodes.putIfAbsent(fieldRef, "apiVersion", "v1");
      }
    }
  }

  private static void probe(ObjectNode p) {
    for (Map.Entry<String, Integer> d : Map.of("timeoutSeconds", 1, "periodSeconds", 10,
        "successThreshold", 1, "failureThreshold", 3).entrySet()) {
      if (Nodes.longValue(p, d.getKey()) == 0) {
        p.put(d.getKey(), d.getValue());
      }
    }
    httpGet(Nodes.object(p, "httpGet"));
    ObjectNode grpc = Nodes.object(p, "grpc");
    if (grpc != null) {
      Nodes.putIfAbsent(grpc, "service", "");
    }
  }

  private static void httpGet(ObjectNode action) {
    if (action != null) {
      if (Nodes.text(action, "path").isEmpty()) {
        action.put("path", "/");
      }
      if (Nodes.text(action, "scheme").isEmpty()) {
        action.put("scheme", "HTTP");
      }
    }
  }

  private static void requestsFromLimits(ObjectNode c) {
    ObjectNode resources = Nodes.object(c, "resources");
    ObjectNode limits = Nodes.object(resources, "limits");
    if (limits == null) {
      return;
    }
    ObjectNode requests = Nodes.object(resources, "requests");
    if (requests == null) {
      requests = resources.putObject("requests");
    }
    for (Map.Entry<String, JsonNode> e : limits.properties()) {
      if (!Nodes.has(requests, e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static final List<String> SOURCES = List.of("emptyDir", "hostPath", "gitRepo",
      "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs",
      "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte", "downwardAPI",
      "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume", "photonPersistentDisk",
      "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO", "csi", "ephemeral",
      "image");

  private static void volume(ObjectNode v) {
    boolean any = false;
    for (String s : SOURCES) {
      any |= Nodes.has(v, s);
    }
    if (!any) {
      v.putObject("emptyDir");
    }
    for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
      ObjectNode src = Nodes.object(v, s);
      if (src != null && !Nodes.has(src, "defaultMode")) {
        src.put("defaultMode", DEFAULT_FILE_MODE);
      }
    }
    ObjectNode hostPath = Nodes.object(v, "hostPath");
    if (hostPath != null) {
      Nodes.putIfAbsent(hostPath, "type", "");
    }
    for (ObjectNode item : Nodes.objects(Nodes.object(v, "downwardAPI"), "items")) {
      fieldRefVersion(item);
    }
    for (ObjectNode source : Nodes.objects(Nodes.object(v, "projected"), "sources")) {
      for (ObjectNode item : Nodes.objects(Nodes.object(source, "downwardAPI"), "items")) {
        fieldRefVersion(item);
      }
      ObjectNode token = Nodes.object(source, "serviceAccountToken");
      if (token != null && !Nodes.has(token, "expirationSeconds")) {
        token.put("expirationSeconds", 3600L);
      }
    }
  }

  private static void fieldRefVersion(ObjectNode item) {
    ObjectNode fieldRef = Nodes.object(item, "fieldRef");
    if (fieldRef != null) {
      Nodes.putIfAbsent(fieldRef, "apiVersion", "v1");
    }
  }

  /**
   * The tag of an image reference as Kubernetes' {@code parsers.ParseImageName} sees it:
   * "latest" when there is neither tag nor digest, "" when there is only a digest or the
   * reference does not parse.
   */
  static String imageTag(String image) {
    String name = image;
    String digest = "";
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
    }
    String tag = "";
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    if (name.isEmpty() || !REPOSITORY.matcher(name).matches()
        || (!tag.isEmpty() && !tag.matches("[\\w][\\w.-]{0,127}"))) {
      return "";
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      return "latest";
    }
    return tag;
  }
}
