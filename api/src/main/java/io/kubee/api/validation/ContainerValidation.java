package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Containers and init containers: names, images, ports, environment, probes, lifecycle hooks,
 * resources and security context ({@code validateContainers}, {@code validateInitContainers},
 * {@code validateContainerCommon} and friends in {@code pkg/apis/core/validation/validation.go}).
 */
final class ContainerValidation {
  private ContainerValidation() {}

  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  /** The regular containers of a pod spec; {@code gracePeriod} is the pod's, may be null. */
  static void containers(List<JsonNode> containers, Map<String, JsonNode> volumes, Long gracePeriod,
      FieldPath path, FieldErrors errs) {
    if (containers.isEmpty()) {
      errs.required(path, "");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      FieldPath p = path.index(i);
      common(c, volumes, p, errs);
      String name = Json.text(c, "name");
      if (!names.add(name)) {
        errs.duplicate(p.child("name"), name);
      }
      JsonNode lifecycle = Json.get(c, "lifecycle");
      if (lifecycle != null) {
        lifecycle(lifecycle, gracePeriod, p.child("lifecycle"), errs);
      }
      probes(c, gracePeriod, p, errs);
      if (Json.has(c, "restartPolicy")) {
        errs.forbidden(p.child("restartPolicy"), "may not be set for non-init containers");
      }
    }
    hostPortConflicts(containers, path, 0, errs);
  }

  static void initContainers(List<JsonNode> inits, List<JsonNode> regular,
      Map<String, JsonNode> volumes, Long gracePeriod, FieldPath path, FieldErrors errs) {
    Set<String> names = new HashSet<>();
    for (JsonNode c : regular) {
      names.add(Json.text(c, "name"));
    }
    for (int i = 0; i < inits.size(); i++) {
      JsonNode c = inits.get(i);
      FieldPath p = path.index(i);
      common(c, volumes, p, errs);
      boolean restartAlways = false;
      JsonNode policy = Json.get(c, "restartPolicy");
      if (policy != null) {
        String value = Json.text(policy);
        if (!value.equals("Always")) {
          errs.notSupported(p.child("restartPolicy"), value, List.of("Always"));
        }
        restartAlways = value.equals("Always");
      }
      String name = Json.text(c, "name");
      if (names.contains(name)) {
        errs.duplicate(p.child("name"), name);
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      // init containers run one at a time: their host ports only conflict within themselves
      hostPortConflicts(List.of(c), path, i, errs);
      if (restartAlways) {
        JsonNode lifecycle = Json.get(c, "lifecycle");
        if (lifecycle != null) {
          lifecycle(lifecycle, gracePeriod, p.child("lifecycle"), errs);
        }
        probes(c, gracePeriod, p, errs);
      } else {
        for (String field : List.of("lifecycle", "livenessProbe", "readinessProbe",
            "startupProbe")) {
          if (Json.has(c, field)) {
            errs.forbidden(p.child(field),
                "may not be set for init containers without restartPolicy=Always");
          }
        }
      }
    }
  }

  /** Checks common to every kind of container. */
  private static void common(JsonNode c, Map<String, JsonNode> volumes, FieldPath p,
      FieldErrors errs) {
    String name = Json.text(c, "name");
    if (name.isEmpty()) {
      errs.required(p.child("name"), "");
    } else {
      for (String msg : Names.dns1123Label(name)) {
        errs.invalid(p.child("name"), name, msg);
      }
    }
    if (Json.text(c, "image").isEmpty()) {
      errs.required(p.child("image"), "");
    }
    String tmp = Json.text(c, "terminationMessagePolicy");
    if (tmp.isEmpty()) {
      errs.required(p.child("terminationMessagePolicy"), "");
    } else if (!tmp.equals("File") && !tmp.equals("FallbackToLogsOnError")) {
      errs.notSupported(p.child("terminationMessagePolicy"), tmp,
          List.of("File", "FallbackToLogsOnError"));
    }
    ports(Json.list(c, "ports"), p.child("ports"), errs);
    EnvValidation.env(Json.list(c, "env"), p.child("env"), errs);
    EnvValidation.envFrom(Json.list(c, "envFrom"), p.child("envFrom"), errs);
    VolumeValidation.mounts(c, volumes, p.child("volumeMounts"), errs);
    String pull = Json.text(c, "imagePullPolicy");
    if (pull.isEmpty()) {
      errs.required(p.child("imagePullPolicy"), "");
    } else if (!List.of("Always", "IfNotPresent", "Never").contains(pull)) {
      errs.notSupported(p.child("imagePullPolicy"), pull,
          List.of("Always", "IfNotPresent", "Never"));
    }
    ResourceValidation.requirements(Json.get(c, "resources"), p.child("resources"), errs);
    securityContext(Json.get(c, "securityContext"), p.child("securityContext"), errs);
  }

  private static void ports(List<JsonNode> ports, FieldPath path, FieldErrors errs) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      FieldPath p = path.index(i);
      String name = Json.text(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Names.portName(name);
        if (!msgs.isEmpty()) {
          msgs.forEach(m -> errs.invalid(p.child("name"), name, m));
        } else if (!names.add(name)) {
          errs.duplicate(p.child("name"), name);
        }
      }
      long containerPort = Json.longValue(port, "containerPort");
      if (containerPort == 0) {
        errs.required(p.child("containerPort"), "");
      } else {
        Names.portNumber(containerPort).forEach(m ->
            errs.invalid(p.child("containerPort"), containerPort, m));
      }
      long hostPort = Json.longValue(port, "hostPort");
      if (hostPort != 0) {
        Names.portNumber(hostPort).forEach(m -> errs.invalid(p.child("hostPort"), hostPort, m));
      }
      String protocol = Json.text(port, "protocol");
      if (protocol.isEmpty()) {
        errs.required(p.child("protocol"), "");
      } else if (!PROTOCOLS.contains(protocol)) {
        errs.notSupported(p.child("protocol"), protocol, PROTOCOLS);
      }
    }
  }

  private static void hostPortConflicts(List<JsonNode> containers, FieldPath path, int offset,
      FieldErrors errs) {
    Set<String> used = new HashSet<>();
    for (int ci = 0; ci < containers.size(); ci++) {
      List<JsonNode> ports = Json.list(containers.get(ci), "ports");
      for (int pi = 0; pi < ports.size(); pi++) {
        JsonNode port = ports.get(pi);
        long hostPort = Json.longValue(port, "hostPort");
        if (hostPort == 0) {
          continue;
        }
        String key = Json.text(port, "protocol") + "/" + Json.text(port, "hostIP") + "/" + hostPort;
        if (!used.add(key)) {
          errs.duplicate(path.index(offset + ci).child("ports").index(pi).child("hostPort"), key);
        }
      }
    }
  }

  private static void probes(JsonNode c, Long gracePeriod, FieldPath p, FieldErrors errs) {
    JsonNode liveness = Json.get(c, "livenessProbe");
    if (liveness != null) {
      probe(liveness, gracePeriod, p.child("livenessProbe"), errs);
      mustBeOne(liveness, p.child("livenessProbe"), errs);
    }
    JsonNode readiness = Json.get(c, "readinessProbe");
    if (readiness != null) {
      probe(readiness, gracePeriod, p.child("readinessProbe"), errs);
      Long tgps = Json.number(readiness, "terminationGracePeriodSeconds");
      if (tgps != null) {
        errs.invalid(p.child("readinessProbe").child("terminationGracePeriodSeconds"), tgps,
            "must not be set for readinessProbes");
      }
    }
    JsonNode startup = Json.get(c, "startupProbe");
    if (startup != null) {
      probe(startup, gracePeriod, p.child("startupProbe"), errs);
      mustBeOne(startup, p.child("startupProbe"), errs);
    }
  }

  private static void mustBeOne(JsonNode probe, FieldPath p, FieldErrors errs) {
    long success = Json.longValue(probe, "successThreshold");
    if (success != 1) {
      errs.invalid(p.child("successThreshold"), success, "must be 1");
    }
  }

  private static void probe(JsonNode probe, Long gracePeriod, FieldPath p, FieldErrors errs) {
    handler(probe, List.of("exec", "httpGet", "tcpSocket", "grpc"), gracePeriod, p, errs);
    for (String field : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds",
        "successThreshold", "failureThreshold")) {
      long v = Json.longValue(probe, field);
      if (v < 0) {
        errs.invalid(p.child(field), v, MetadataValidation.NEGATIVE);
      }
    }
    Long tgps = Json.number(probe, "terminationGracePeriodSeconds");
    if (tgps != null && tgps <= 0) {
      errs.invalid(p.child("terminationGracePeriodSeconds"), tgps, "must be greater than 0");
    }
  }

  private static void lifecycle(JsonNode lifecycle, Long gracePeriod, FieldPath p,
      FieldErrors errs) {
    for (String hook : List.of("postStart", "preStop")) {
      JsonNode h = Json.get(lifecycle, hook);
      if (h != null) {
        handler(h, List.of("exec", "httpGet", "tcpSocket", "sleep"), gracePeriod, p.child(hook),
            errs);
      }
    }
  }

  private static void handler(JsonNode h, List<String> kinds, Long gracePeriod, FieldPath p,
      FieldErrors errs) {
    int n = 0;
    for (String kind : kinds) {
      JsonNode action = Json.get(h, kind);
      if (action == null) {
        continue;
      }
      FieldPath ap = p.child(kind);
      if (n > 0) {
        errs.forbidden(ap, "may not specify more than 1 handler type");
        continue;
      }
      n++;
      switch (kind) {
        case "exec" -> {
          if (Json.list(action, "command").isEmpty()) {
            errs.required(ap.child("command"), "");
          }
        }
        case "httpGet" -> {
          if (Json.text(action, "path").isEmpty()) {
            errs.required(ap.child("path"), "");
          }
          portNumOrName(Json.get(action, "port"), ap.child("port"), errs);
          String scheme = Json.text(action, "scheme");
          if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errs.notSupported(ap.child("scheme"), scheme, List.of("HTTP", "HTTPS"));
          }
          for (JsonNode header : Json.list(action, "httpHeaders")) {
            String name = Json.text(header, "name");
            Names.httpHeaderName(name).forEach(m -> errs.invalid(ap.child("httpHeaders"), name, m));
          }
        }
        case "tcpSocket" -> portNumOrName(Json.get(action, "port"), ap.child("port"), errs);
        case "grpc" -> {
          long port = Json.longValue(action, "port");
          Names.portNumber(port).forEach(m -> errs.invalid(ap.child("port"), port, m));
        }
        case "sleep" -> {
          long seconds = Json.longValue(action, "seconds");
          if (gracePeriod != null && (seconds <= 0 || seconds > gracePeriod)) {
            errs.invalid(ap, seconds, "must be greater than 0 and less than"
                + " terminationGracePeriodSeconds (" + gracePeriod + "). Enable"
                + " AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.");
          }
        }
        default -> { }
      }
    }
    if (n == 0) {
      errs.required(p, "must specify a handler type");
    }
  }

  /** An IntOrString port: a number 1-65535 or an IANA service name. */
  static void portNumOrName(JsonNode port, FieldPath p, FieldErrors errs) {
    if (port != null && port.isNumber()) {
      long n = port.asLong(0);
      Names.portNumber(n).forEach(m -> errs.invalid(p, n, m));
    } else {
      String name = Json.text(port);
      Names.portName(name).forEach(m -> errs.invalid(p, name, m));
    }
  }

  /** A container's security context. */
  static void securityContext(JsonNode sc, FieldPath p, FieldErrors errs) {
    if (sc == null) {
      return;
    }
    Long runAsUser = Json.number(sc, "runAsUser");
    if (runAsUser != null) {
      Names.userId(runAsUser).forEach(m -> errs.invalid(p.child("runAsUser"), runAsUser, m));
    }
    Long runAsGroup = Json.number(sc, "runAsGroup");
    if (runAsGroup != null) {
      Names.groupId(runAsGroup).forEach(m -> errs.invalid(p.child("runAsGroup"), runAsGroup, m));
    }
    JsonNode procMount = Json.get(sc, "procMount");
    if (procMount != null) {
      String v = Json.text(procMount);
      if (!v.equals("Default") && !v.equals("Unmasked")) {
        errs.notSupported(p.child("procMount"), v, List.of("Default", "Unmasked"));
      }
    }
    PodSpecValidation.seccompProfile(Json.get(sc, "seccompProfile"), p.child("seccompProfile"),
        errs);
    JsonNode ape = Json.get(sc, "allowPrivilegeEscalation");
    if (ape != null && ape.isBoolean() && !ape.asBoolean(true)) {
      if (Json.bool(sc, "privileged")) {
        errs.invalid(p, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to"
            + " true");
      }
      if (Json.strings(Json.get(sc, "capabilities"), "add").contains("CAP_SYS_ADMIN")) {
        errs.invalid(p, sc, "cannot set `allowPrivilegeEscalation` to false and"
            + " `capabilities.Add` CAP_SYS_ADMIN");
      }
    }
    PodSpecValidation.appArmorProfile(Json.get(sc, "appArmorProfile"), p.child("appArmorProfile"),
        errs);
  }
}
