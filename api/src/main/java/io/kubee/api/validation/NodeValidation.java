package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.IpAddress;
import io.kubee.api.validation.syntax.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Nodes ({@code ValidateNode}, {@code ValidateNodeUpdate} in {@code pkg/apis/core/validation}):
 * taints, pod CIDRs, capacity. Pod CIDRs and the provider ID may be set once, then never change.
 */
final class NodeValidation {
  private NodeValidation() {}

  static void validate(JsonNode node, FieldErrors errs) {
    JsonNode spec = Json.get(node, "spec");
    taints(Json.list(spec, "taints"), FieldPath.of("spec", "taints"), errs);
    resources(node, errs);
    List<String> cidrs = podCIDRs(spec);
    FieldPath path = FieldPath.of("spec", "podCIDRs");
    boolean valid = true;
    for (int i = 0; i < cidrs.size(); i++) {
      if (!IpAddress.isValidCidr(cidrs.get(i))) {
        errs.invalid(path.index(i), cidrs.get(i), IpAddress.INVALID_CIDR);
        valid = false;
      }
    }
    if (cidrs.size() > 1) {
      if (valid) {
        boolean firstV4 = IpAddress.cidrAddress(cidrs.get(0)).isV4();
        boolean secondV4 = IpAddress.cidrAddress(cidrs.get(1)).isV4();
        if (cidrs.size() > 2 || firstV4 == secondV4) {
          errs.invalid(path, cidrs, "may specify no more than one CIDR for each IP family");
        }
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < cidrs.size(); i++) {
        if (!seen.add(cidrs.get(i))) {
          errs.duplicate(path.index(i), cidrs.get(i));
        }
      }
    }
  }

  static void update(JsonNode node, JsonNode old, FieldErrors errs) {
    JsonNode spec = Json.get(node, "spec");
    JsonNode oldSpec = Json.get(old, "spec");
    resources(node, errs);
    List<JsonNode> addresses = Json.list(Json.get(node, "status"), "addresses");
    for (int i = 0; i < addresses.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (Json.semanticEquals(addresses.get(i), addresses.get(j))) {
          errs.duplicate(FieldPath.of("status", "addresses").index(i), addresses.get(i));
          break;
        }
      }
    }
    List<String> oldCidrs = podCIDRs(oldSpec);
    if (!oldCidrs.isEmpty() && !oldCidrs.equals(podCIDRs(spec))) {
      errs.forbidden(FieldPath.of("spec", "podCIDRs"),
          "node updates may not change podCIDR except from \"\" to valid");
    }
    String oldProvider = Json.text(oldSpec, "providerID");
    if (!oldProvider.isEmpty() && !oldProvider.equals(Json.text(spec, "providerID"))) {
      errs.forbidden(FieldPath.of("spec", "providerID"),
          "node updates may not change providerID except from \"\" to valid");
    }
    taints(Json.list(spec, "taints"), FieldPath.of("spec", "taints"), errs);
    if (!Json.text(spec, "externalID").equals(Json.text(oldSpec, "externalID"))) {
      errs.forbidden(FieldPath.of("spec", "externalID"), "may not be updated");
    }
  }

  /** v1 podCIDR and podCIDRs merged as the conversion to the internal type does. */
  private static List<String> podCIDRs(JsonNode spec) {
    List<String> cidrs = Json.strings(spec, "podCIDRs");
    String cidr = Json.text(spec, "podCIDR");
    if (!cidr.isEmpty() && (cidrs.isEmpty() || !cidrs.get(0).equals(cidr))) {
      return List.of(cidr);
    }
    return cidrs;
  }

  private static void resources(JsonNode node, FieldErrors errs) {
    JsonNode status = Json.get(node, "status");
    ResourceValidation.quantityMap(status, "capacity", FieldPath.of("status", "capacity"), errs);
    ResourceValidation.quantityMap(status, "allocatable", FieldPath.of("status", "allocatable"),
        errs);
  }

  static void taints(List<JsonNode> taints, FieldPath path, FieldErrors errs) {
    Map<String, Set<String>> unique = new HashMap<>();
    for (int i = 0; i < taints.size(); i++) {
      JsonNode t = taints.get(i);
      FieldPath p = path.index(i);
      String key = Json.text(t, "key");
      MetadataValidation.labelName(key, p.child("key"), errs);
      String value = Json.text(t, "value");
      List<String> msgs = Names.labelValue(value);
      if (!msgs.isEmpty()) {
        errs.invalid(p.child("value"), value, String.join(";", msgs));
      }
      String effect = Json.text(t, "effect");
      PodSpecValidation.taintEffect(effect, false, p.child("effect"), errs);
      Set<String> keys = unique.computeIfAbsent(effect, e -> new HashSet<>());
      if (!keys.add(key)) {
        errs.duplicate(p, t, "taints must be unique by key and effect pair");
      }
    }
  }
}
