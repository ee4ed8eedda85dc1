package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Scheduling constraints of a pod spec: node affinity, pod (anti-)affinity and topology spread
 * constraints ({@code validateAffinity}, {@code validateTopologySpreadConstraints} in
 * {@code pkg/apis/core/validation/validation.go}).
 */
final class AffinityValidation {
  private AffinityValidation() {}

  static void affinity(JsonNode affinity, FieldPath path, FieldErrors errs) {
    if (affinity == null) {
      return;
    }
    JsonNode node = Json.get(affinity, "nodeAffinity");
    if (node != null) {
      FieldPath np = path.child("nodeAffinity");
      JsonNode required = Json.get(node, "requiredDuringSchedulingIgnoredDuringExecution");
      if (required != null) {
        FieldPath rp = np.child("requiredDuringSchedulingIgnoredDuringExecution")
            .child("nodeSelectorTerms");
        List<JsonNode> terms = Json.list(required, "nodeSelectorTerms");
        if (terms.isEmpty()) {
          errs.required(rp, "must have at least one node selector term");
        }
        for (int i = 0; i < terms.size(); i++) {
          nodeSelectorTerm(terms.get(i), false, rp.index(i), errs);
        }
      }
      List<JsonNode> preferred = Json.list(node, "preferredDuringSchedulingIgnoredDuringExecution");
      FieldPath pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        weight(preferred.get(i), pp.index(i).child("weight"), errs);
        nodeSelectorTerm(Json.get(preferred.get(i), "preference"), true,
            pp.index(i).child("preference"), errs);
      }
    }
    for (String kind : List.of("podAffinity", "podAntiAffinity")) {
      JsonNode pod = Json.get(affinity, kind);
      if (pod == null) {
        continue;
      }
      FieldPath kp = path.child(kind);
      List<JsonNode> required = Json.list(pod, "requiredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < required.size(); i++) {
        podAffinityTerm(required.get(i),
            kp.child("requiredDuringSchedulingIgnoredDuringExecution").index(i), errs);
      }
      List<JsonNode> preferred = Json.list(pod, "preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        FieldPath wp = kp.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        weight(preferred.get(i), wp.child("weight"), errs);
        podAffinityTerm(Json.get(preferred.get(i), "podAffinityTerm"),
            wp.child("podAffinityTerm"), errs);
      }
    }
  }

  private static void weight(JsonNode weighted, FieldPath p, FieldErrors errs) {
    long w = Json.longValue(weighted, "weight");
    if (w <= 0 || w > 100) {
      errs.invalid(p, w, "must be in the range 1-100");
    }
  }

  private static void nodeSelectorTerm(JsonNode term, boolean allowInvalidValues, FieldPath p,
      FieldErrors errs) {
    List<JsonNode> exprs = Json.list(term, "matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      JsonNode r = exprs.get(i);
      FieldPath rp = p.child("matchExpressions").index(i);
      String op = Json.text(r, "operator");
      List<String> values = Json.strings(r, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errs.required(rp.child("values"),
                "must be specified when `operator` is 'In' or 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errs.forbidden(rp.child("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          }
        }
        case "Gt", "Lt" -> {
          if (values.size() != 1) {
            errs.required(rp.child("values"),
                "must be specified single value when `operator` is 'Lt' or 'Gt'");
          }
        }
        default -> errs.invalid(rp.child("operator"), op, "not a valid selector operator");
      }
      MetadataValidation.labelName(Json.text(r, "key"), rp.child("key"), errs);
      if (!allowInvalidValues) {
        for (int j = 0; j < values.size(); j++) {
          String v = values.get(j);
          FieldPath vp = rp.child("values").index(j);
          Names.labelValue(v).forEach(m -> errs.invalid(vp, v, m));
        }
      }
    }
    List<JsonNode> fields = Json.list(term, "matchFields");
    for (int i = 0; i < fields.size(); i++) {
      JsonNode r = fields.get(i);
      FieldPath rp = p.child("matchFields").index(i);
      String op = Json.text(r, "operator");
      List<String> values = Json.strings(r, "values");
      if (op.equals("In") || op.equals("NotIn")) {
        if (values.size() != 1) {
          errs.required(rp.child("values"), "must be only one value when `operator` is 'In' or"
              + " 'NotIn' for node field selector");
        }
      } else {
        errs.invalid(rp.child("operator"), op, "not a valid selector operator");
      }
      String key = Json.text(r, "key");
      if (!key.equals("metadata.name")) {
        errs.invalid(rp.child("key"), key, "not a valid field selector key");
      } else {
        for (int j = 0; j < values.size(); j++) {
          String v = values.get(j);
          FieldPath vp = rp.child("values").index(j);
          Names.nameIsDnsSubdomain(v, false).forEach(m -> errs.invalid(vp, v, m));
        }
      }
    }
  }

  private static void podAffinityTerm(JsonNode term, FieldPath p, FieldErrors errs) {
    MetadataValidation.labelSelector(Json.get(term, "labelSelector"), p.child("labelSelector"),
        errs);
    MetadataValidation.labelSelector(Json.get(term, "namespaceSelector"),
        p.child("namespaceSelector"), errs);
    for (String ns : Json.strings(term, "namespaces")) {
      Names.nameIsDnsLabel(ns, false).forEach(m -> errs.invalid(p.child("namespace"), ns, m));
    }
    String topologyKey = Json.text(term, "topologyKey");
    if (topologyKey.isEmpty()) {
      errs.required(p.child("topologyKey"), "can not be empty");
    }
    MetadataValidation.labelName(topologyKey, p.child("topologyKey"), errs);
  }

  static void topologySpreadConstraints(List<JsonNode> constraints, FieldPath path,
      FieldErrors errs) {
    List<String> actions = List.of("DoNotSchedule", "ScheduleAnyway");
    for (int i = 0; i < constraints.size(); i++) {
      JsonNode c = constraints.get(i);
      FieldPath p = path.index(i);
      long maxSkew = Json.longValue(c, "maxSkew");
      if (maxSkew <= 0) {
        errs.invalid(p.child("maxSkew"), maxSkew, MetadataValidation.NOT_POSITIVE);
      }
      String topologyKey = Json.text(c, "topologyKey");
      if (topologyKey.isEmpty()) {
        errs.required(p.child("topologyKey"), "can not be empty");
      }
      String action = Json.text(c, "whenUnsatisfiable");
      if (!actions.contains(action)) {
        errs.notSupported(p.child("whenUnsatisfiable"), action, actions);
      }
      for (int j = 0; j < i; j++) {
        JsonNode other = constraints.get(j);
        if (Json.text(other, "topologyKey").equals(topologyKey)
            && Json.text(other, "whenUnsatisfiable").equals(action)) {
          errs.duplicate(p.child("{topologyKey, whenUnsatisfiable}"),
              "{" + topologyKey + ", " + action + "}");
          break;
        }
      }
      Long minDomains = Json.number(c, "minDomains");
      if (minDomains != null) {
        if (minDomains <= 0) {
          errs.invalid(p.child("minDomains"), minDomains, MetadataValidation.NOT_POSITIVE);
        }
        if (!action.equals("DoNotSchedule")) {
          errs.invalid(p.child("minDomains"), minDomains, "can only use minDomains if"
              + " whenUnsatisfiable=DoNotSchedule, not " + action);
        }
      }
      for (String policy : List.of("nodeAffinityPolicy", "nodeTaintsPolicy")) {
        JsonNode v = Json.get(c, policy);
        if (v != null && !List.of("Honor", "Ignore").contains(Json.text(v))) {
          errs.notSupported(p.child(policy), Json.text(v), List.of("Honor", "Ignore"));
        }
      }
      MetadataValidation.labelSelector(Json.get(c, "labelSelector"), p.child("labelSelector"),
          errs);
    }
  }
}
