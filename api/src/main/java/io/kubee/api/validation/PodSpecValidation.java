package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.IpAddress;
import io.kubee.api.validation.syntax.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A pod spec, in a Pod or in a pod template ({@code ValidatePodSpec} and the functions it calls
 * in {@code pkg/apis/core/validation/validation.go}). Expects defaults to have been applied
 * (restartPolicy, dnsPolicy, terminationGracePeriodSeconds, imagePullPolicy... are required).
 */
final class PodSpecValidation {
  private PodSpecValidation() {}

  private static final String SYSCTL_SEGMENT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
  private static final String SYSCTL_FMT = "(" + SYSCTL_SEGMENT + "[\\./])*" + SYSCTL_SEGMENT;
  private static final Pattern SYSCTL = Pattern.compile(SYSCTL_FMT);

  /**
   * @param resourceIsPod true for a Pod, false for a template (where hostPort 0 is allowed with
   *     host networking because it is defaulted when the pod is created)
   */
  static void spec(JsonNode spec, FieldPath path, boolean resourceIsPod, FieldErrors errs) {
    Long gracePeriod = Json.number(spec, "terminationGracePeriodSeconds");
    if (gracePeriod == null) {
      errs.required(path.child("terminationGracePeriodSeconds"), "");
    }
    Map<String, JsonNode> volumes = VolumeValidation.volumes(Json.list(spec, "volumes"),
        path.child("volumes"), errs);
    List<JsonNode> containers = Json.list(spec, "containers");
    ContainerValidation.containers(containers, volumes, gracePeriod, path.child("containers"),
        errs);
    ContainerValidation.initContainers(Json.list(spec, "initContainers"), containers, volumes,
        gracePeriod, path.child("initContainers"), errs);
    hostNetworkPorts(spec, containers, path, resourceIsPod, errs);
    enumRequired(spec, "restartPolicy", List.of("Always", "OnFailure", "Never"), path, errs);
    enumRequired(spec, "dnsPolicy", List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default",
        "None"), path, errs);
    MetadataValidation.labels(Json.map(spec, "nodeSelector"), path.child("nodeSelector"), errs);
    podSecurityContext(spec, path.child("securityContext"), errs);
    AffinityValidation.affinity(Json.get(spec, "affinity"), path.child("affinity"), errs);
    dnsConfig(spec, path.child("dnsConfig"), errs);
    List<JsonNode> gates = Json.list(spec, "readinessGates");
    for (int i = 0; i < gates.size(); i++) {
      String type = Json.text(gates.get(i), "conditionType");
      FieldPath p = path.child("readinessGates").index(i).child("conditionType");
      Names.qualifiedName(type).forEach(m -> errs.invalid(p, type, m));
    }
    List<JsonNode> schedulingGates = Json.list(spec, "schedulingGates");
    Set<String> seenGates = new HashSet<>();
    for (int i = 0; i < schedulingGates.size(); i++) {
      String name = Json.text(schedulingGates.get(i), "name");
      FieldPath p = path.child("schedulingGates").index(i);
      Names.qualifiedName(name).forEach(m -> errs.invalid(p, name, m));
      if (!seenGates.add(name)) {
        errs.duplicate(p, name);
      }
    }
    AffinityValidation.topologySpreadConstraints(Json.list(spec, "topologySpreadConstraints"),
        path.child("topologySpreadConstraints"), errs);
    subdomain(spec, "serviceAccountName", path, errs);
    subdomain(spec, "nodeName", path, errs);
    Long deadline = Json.number(spec, "activeDeadlineSeconds");
    if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
      errs.invalid(path.child("activeDeadlineSeconds"), deadline,
          Names.inclusiveRangeError(1, Integer.MAX_VALUE));
    }
    for (String field : List.of("hostname", "subdomain")) {
      String v = Json.text(spec, field);
      if (!v.isEmpty()) {
        Names.dns1123Label(v).forEach(m -> errs.invalid(path.child(field), v, m));
      }
    }
    tolerations(Json.list(spec, "tolerations"), path.child("tolerations"), errs);
    hostAliases(Json.list(spec, "hostAliases"), path.child("hostAliases"), errs);
    subdomain(spec, "priorityClassName", path, errs);
    if (Json.has(spec, "runtimeClassName")) {
      String rc = Json.text(spec, "runtimeClassName");
      Names.dns1123Subdomain(rc).forEach(m -> errs.invalid(path.child("runtimeClassName"), rc, m));
    }
    JsonNode preemption = Json.get(spec, "preemptionPolicy");
    if (preemption != null) {
      String v = Json.text(preemption);
      if (v.isEmpty()) {
        errs.required(path.child("preemptionPolicy"), "");
      } else if (!v.equals("PreemptLowerPriority") && !v.equals("Never")) {
        errs.notSupported(path.child("preemptionPolicy"), v,
            List.of("PreemptLowerPriority", "Never"));
      }
    }
    JsonNode overhead = Json.get(spec, "overhead");
    if (overhead != null) {
      ResourceValidation.requirements(
          io.kubee.api.codec.Codec.INSTANCE.newObject().set("limits", overhead),
          path.child("overhead"), errs);
    }
    JsonNode os = Json.get(spec, "os");
    if (os != null) {
      String name = Json.text(os, "name");
      if (name.isEmpty()) {
        errs.required(path.child("os").child("name"), "cannot be empty");
      } else if (!name.equals("linux") && !name.equals("windows")) {
        errs.notSupported(path.child("os"), name, List.of("linux", "windows"));
      }
    }
  }

  private static void subdomain(JsonNode spec, String field, FieldPath path, FieldErrors errs) {
    String v = Json.text(spec, field);
    if (!v.isEmpty()) {
      Names.dns1123Subdomain(v).forEach(m -> errs.invalid(path.child(field), v, m));
    }
  }

  /** A required enumerated string: Required when empty, NotSupported (in this order) else. */
  static void enumRequired(JsonNode parent, String field, List<String> values, FieldPath path,
      FieldErrors errs) {
    String v = Json.text(parent, field);
    if (v.isEmpty()) {
      errs.required(path.child(field), "");
    } else if (!values.contains(v)) {
      errs.notSupported(path.child(field), v, values);
    }
  }

  private static void hostNetworkPorts(JsonNode spec, List<JsonNode> containers, FieldPath path,
      boolean resourceIsPod, FieldErrors errs) {
    if (!Json.bool(spec, "hostNetwork")) {
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      List<JsonNode> ports = Json.list(containers.get(i), "ports");
      for (int j = 0; j < ports.size(); j++) {
        long hp = Json.longValue(ports.get(j), "hostPort");
        long cp = Json.longValue(ports.get(j), "containerPort");
        if ((resourceIsPod || hp != 0) && hp != cp) {
          errs.invalid(path.child("containers").index(i).child("ports").index(j).child("hostPort"),
              hp, "must match `containerPort` when `hostNetwork` is true");
        }
      }
    }
  }

  private static void podSecurityContext(JsonNode spec, FieldPath p, FieldErrors errs) {
    JsonNode sc = Json.get(spec, "securityContext");
    if (sc == null) {
      return;
    }
    Long fsGroup = Json.number(sc, "fsGroup");
    if (fsGroup != null) {
      Names.groupId(fsGroup).forEach(m -> errs.invalid(p.child("fsGroup"), fsGroup, m));
    }
    Long runAsUser = Json.number(sc, "runAsUser");
    if (runAsUser != null) {
      Names.userId(runAsUser).forEach(m -> errs.invalid(p.child("runAsUser"), runAsUser, m));
    }
    Long runAsGroup = Json.number(sc, "runAsGroup");
    if (runAsGroup != null) {
      Names.groupId(runAsGroup).forEach(m -> errs.invalid(p.child("runAsGroup"), runAsGroup, m));
    }
    List<JsonNode> groups = Json.list(sc, "supplementalGroups");
    for (int i = 0; i < groups.size(); i++) {
      long gid = groups.get(i).asLong(0);
      FieldPath gp = p.child("supplementalGroups").index(i);
      Names.groupId(gid).forEach(m -> errs.invalid(gp, gid, m));
    }
    JsonNode share = Json.get(spec, "shareProcessNamespace");
    if (share != null && share.asBoolean(false) && Json.bool(spec, "hostPID")) {
      errs.invalid(p.child("shareProcessNamespace"), true,
          "ShareProcessNamespace and HostPID cannot both be enabled");
    }
    sysctls(spec, sc, p.child("sysctls"), errs);
    JsonNode fsgcp = Json.get(sc, "fsGroupChangePolicy");
    if (fsgcp != null && !List.of("Always", "OnRootMismatch").contains(Json.text(fsgcp))) {
      errs.notSupported(p.child("fsGroupChangePolicy"), Json.text(fsgcp),
          List.of("Always", "OnRootMismatch"));
    }
    seccompProfile(Json.get(sc, "seccompProfile"), p.child("seccompProfile"), errs);
    appArmorProfile(Json.get(sc, "appArmorProfile"), p.child("appArmorProfile"), errs);
    JsonNode sgp = Json.get(sc, "supplementalGroupsPolicy");
    if (sgp != null && !List.of("Merge", "Strict").contains(Json.text(sgp))) {
      errs.notSupported(p.child("supplementalGroupsPolicy"), Json.text(sgp),
          List.of("Merge", "Strict"));
    }
  }

  private static void sysctls(JsonNode spec, JsonNode sc, FieldPath p, FieldErrors errs) {
    List<JsonNode> sysctls = Json.list(sc, "sysctls");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sysctls.size(); i++) {
      String name = Json.text(sysctls.get(i), "name");
      FieldPath np = p.index(i).child("name");
      if (name.isEmpty()) {
        errs.required(np, "");
      } else if (Names.byteLength(name) > 253 || !SYSCTL.matcher(name).matches()) {
        errs.invalid(np, name, "must have at most 253 characters and match regex ^" + SYSCTL_FMT
            + "$");
      } else if (names.contains(name)) {
        errs.duplicate(np, name);
      }
      String normalized = name.replace('/', '.');
      if (Json.bool(spec, "hostNetwork") && normalized.startsWith("net.")) {
        errs.invalid(np, name, "may not be specified when 'hostNetwork' is true");
      } else if (Json.bool(spec, "hostIPC") && (normalized.startsWith("kernel.shm")
          || normalized.startsWith("kernel.msg") || normalized.equals("kernel.sem")
          || normalized.startsWith("fs.mqueue."))) {
        errs.invalid(np, name, "may not be specified when 'hostIPC' is true");
      }
      names.add(name);
    }
  }

  static void seccompProfile(JsonNode sp, FieldPath p, FieldErrors errs) {
    if (sp == null) {
      return;
    }
    String type = Json.text(sp, "type");
    List<String> types = List.of("Localhost", "RuntimeDefault", "Unconfined");
    if (type.isEmpty()) {
      errs.required(p.child("type"), "type is required when seccompProfile is set");
    } else if (!types.contains(type)) {
      errs.notSupported(p.child("type"), type, types);
    }
    JsonNode local = Json.get(sp, "localhostProfile");
    if (type.equals("Localhost")) {
      if (local == null) {
        errs.required(p.child("localhostProfile"), "must be set when seccomp type is Localhost");
      } else {
        VolumeValidation.localDescendingPath(Json.text(local), p.child("localhostProfile"), errs);
      }
    } else if (local != null) {
      errs.invalid(p.child("localhostProfile"), sp, "can only be set when seccomp type is"
          + " Localhost");
    }
  }

  static void appArmorProfile(JsonNode profile, FieldPath p, FieldErrors errs) {
    if (profile == null) {
      return;
    }
    String type = Json.text(profile, "type");
    JsonNode local = Json.get(profile, "localhostProfile");
    switch (type) {
      case "Localhost" -> {
        String lp = Json.text(local);
        if (local == null) {
          errs.required(p.child("localhostProfile"), "must be set when AppArmor type is"
              + " Localhost");
        } else if (!lp.strip().equals(lp)) {
          errs.invalid(p.child("localhostProfile"), lp, "must not be padded with whitespace");
        } else if (lp.isEmpty()) {
          errs.required(p.child("localhostProfile"), "must be set when AppArmor type is"
              + " Localhost");
        }
      }
      case "RuntimeDefault", "Unconfined" -> {
        if (local != null) {
          errs.invalid(p.child("localhostProfile"), local, "can only be set when AppArmor type"
              + " is Localhost");
        }
      }
      case "" -> errs.required(p.child("type"), "type is required when appArmorProfile is set");
      default -> errs.notSupported(p.child("type"), type,
          List.of("Localhost", "RuntimeDefault", "Unconfined"));
    }
  }

  private static void dnsConfig(JsonNode spec, FieldPath p, FieldErrors errs) {
    JsonNode config = Json.get(spec, "dnsConfig");
    if (Json.text(spec, "dnsPolicy").equals("None")) {
      if (config == null) {
        errs.required(p, "must provide `dnsConfig` when `dnsPolicy` is None");
        return;
      }
      if (Json.list(config, "nameservers").isEmpty()) {
        errs.required(p.child("nameservers"),
            "must provide at least one DNS nameserver when `dnsPolicy` is None");
        return;
      }
    }
    if (config == null) {
      return;
    }
    List<String> nameservers = Json.strings(config, "nameservers");
    if (nameservers.size() > 3) {
      errs.invalid(p.child("nameservers"), nameservers, "must not have more than 3 nameservers");
    }
    for (int i = 0; i < nameservers.size(); i++) {
      if (!IpAddress.isValid(nameservers.get(i))) {
        errs.invalid(p.child("nameservers").index(i), nameservers.get(i), IpAddress.INVALID_IP);
      }
    }
    List<String> searches = Json.strings(config, "searches");
    if (searches.size() > 32) {
      errs.invalid(p.child("searches"), searches, "must not have more than 32 search paths");
    }
    if (String.join(" ", searches).length() > 2048) {
      errs.invalid(p.child("searches"), searches, "must not have more than 2048 characters"
          + " (including spaces) in the search list");
    }
    for (int i = 0; i < searches.size(); i++) {
      String search = searches.get(i).endsWith(".")
          ? searches.get(i).substring(0, searches.get(i).length() - 1) : searches.get(i);
      FieldPath sp = p.child("searches").index(i);
      Names.dns1123Subdomain(search).forEach(m -> errs.invalid(sp, search, m));
    }
    List<JsonNode> options = Json.list(config, "options");
    for (int i = 0; i < options.size(); i++) {
      if (Json.text(options.get(i), "name").isEmpty()) {
        errs.required(p.child("options").index(i), "must not be empty");
      }
    }
  }

  static void tolerations(List<JsonNode> tolerations, FieldPath path, FieldErrors errs) {
    for (int i = 0; i < tolerations.size(); i++) {
      JsonNode t = tolerations.get(i);
      FieldPath p = path.index(i);
      String key = Json.text(t, "key");
      String operator = Json.text(t, "operator");
      String value = Json.text(t, "value");
      String effect = Json.text(t, "effect");
      if (!key.isEmpty()) {
        MetadataValidation.labelName(key, p.child("key"), errs);
      }
      if (key.isEmpty() && !operator.equals("Exists")) {
        errs.invalid(p.child("operator"), operator, "operator must be Exists when `key` is"
            + " empty, which means \"match all values and all keys\"");
      }
      if (Json.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.invalid(p.child("effect"), effect, "effect must be 'NoExecute' when"
            + " `tolerationSeconds` is set");
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> msgs = Names.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.invalid(p.child("operator"), value, String.join(";", msgs));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.invalid(p.child("operator"), value,
                "value must be empty when `operator` is 'Exists'");
          }
        }
        default -> errs.notSupported(p.child("operator"), operator, List.of("Equal", "Exists"));
      }
      if (!effect.isEmpty()) {
        taintEffect(effect, true, p.child("effect"), errs);
      }
    }
  }

  static void taintEffect(String effect, boolean allowEmpty, FieldPath p, FieldErrors errs) {
    if (!allowEmpty && effect.isEmpty()) {
      errs.required(p, "");
      return;
    }
    List<String> effects = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    if (!effects.contains(effect)) {
      errs.notSupported(p, effect, effects);
    }
  }

  private static void hostAliases(List<JsonNode> aliases, FieldPath path, FieldErrors errs) {
    for (int i = 0; i < aliases.size(); i++) {
      String ip = Json.text(aliases.get(i), "ip");
      if (!IpAddress.isValid(ip)) {
        errs.invalid(path.index(i).child("ip"), ip, IpAddress.INVALID_IP);
      }
      List<String> hostnames = Json.strings(aliases.get(i), "hostnames");
      for (int j = 0; j < hostnames.size(); j++) {
        String h = hostnames.get(j);
        FieldPath hp = path.index(i).child("hostnames").index(j);
        Names.dns1123Subdomain(h).forEach(m -> errs.invalid(hp, h, m));
      }
    }
  }
}
