package io.kubee.api.apply;

import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code metadata.managedFields} ({@code metav1.ManagedFieldsEntry}): the fields
 * one manager owns, with how and when it last changed them.
 *
 * @param manager     the field manager ({@code kubectl-client-side-apply}, {@code kubectl})
 * @param operation   {@link #APPLY} or {@link #UPDATE}
 * @param apiVersion  the version the fields are expressed in ({@code apps/v1})
 * @param time        when the entry last changed, RFC 3339 to the second; null when unknown
 * @param fieldsType  always {@code FieldsV1}
 * @param fieldsV1    the owned fields
 * @param subresource the subresource written through, "" for the main resource
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion,
    String time, String fieldsType, FieldSet fieldsV1, String subresource) {
  public static final String APPLY = ManagerId.APPLY;
  public static final String UPDATE = ManagerId.UPDATE;
  public static final String FIELDS_V1 = "FieldsV1";

  public ManagedFieldsEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(apiVersion, "apiVersion");
    fieldsType = fieldsType == null ? FIELDS_V1 : fieldsType;
    fieldsV1 = fieldsV1 == null ? FieldSet.EMPTY : fieldsV1;
    subresource = subresource == null ? "" : subresource;
  }

  /**
   * The entry as Kubernetes writes it, fields in {@code ManagedFieldsEntry}'s order and empty
   * ones left out.
   */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    putIfNotEmpty(node, "manager", manager);
    putIfNotEmpty(node, "operation", operation);
    putIfNotEmpty(node, "apiVersion", apiVersion);
    if (time != null) {
      node.put("time", time);
    }
    putIfNotEmpty(node, "fieldsType", fieldsType);
    node.set("fieldsV1", fieldsV1.toJsonNode());
    putIfNotEmpty(node, "subresource", subresource);
    return node;
  }

  private static void putIfNotEmpty(ObjectNode node, String name, String value) {
    if (!value.isEmpty()) {
      node.put(name, value);
    }
  }
}
