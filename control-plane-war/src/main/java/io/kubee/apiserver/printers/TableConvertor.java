package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one object or a list of them into a {@code meta.k8s.io} Table, as Kubernetes'
 * {@code pkg/printers/storage.TableConvertor} with {@code printers.GenerateTable} (always wide:
 * every column and every cell, kubectl hides the priority-1 ones) and the apiserver's
 * {@code asTable}, which fills each row's {@code object} according to {@code includeObject}.
 *
 * <p>The Table's metadata is the list's resourceVersion, continue and remainingItemCount, or the
 * single object's resourceVersion. Never modifies its input (objects shared with a watch cache
 * are copied into the rows). Stateless and thread-safe.
 */
public final class TableConvertor {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ResourceType type;
  private final TablePrinter printer;

  /**
   * @param type    the resource the objects belong to (gives a full row object its apiVersion
   *                and kind)
   * @param printer how they are printed
   */
  public TableConvertor(ResourceType type, TablePrinter printer) {
    this.type = type;
    this.printer = printer;
  }

  /**
   * The Table of {@code objectOrList}: one row per item of a list (a {@code PodList}...), or one
   * row for a single object.
   *
   * @param now the instant ages are computed against
   */
  public ObjectNode convert(ObjectNode objectOrList, TableOptions options, Instant now) {
    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", options.apiVersion());
    ObjectNode metadata = table.putObject("metadata");
    boolean list = isList(objectOrList);
    if (list) {
      JsonNode listMeta = Fields.object(objectOrList, "metadata");
      copyText(listMeta, "resourceVersion", metadata);
      copyText(listMeta, "continue", metadata);
      if (listMeta != null && listMeta.path("remainingItemCount").isIntegralNumber()) {
        metadata.put("remainingItemCount", listMeta.get("remainingItemCount").asLong(0));
      }
    } else if (!Meta.resourceVersion(objectOrList).isEmpty()) {
      metadata.put("resourceVersion", Meta.resourceVersion(objectOrList));
    }
    if (options.noHeaders()) {
      // Kubernetes serializes the absent definitions as null: the field has no omitempty
      table.putNull("columnDefinitions");
    } else {
      ArrayNode columns = table.putArray("columnDefinitions");
      printer.columns().forEach(column -> columns.add(column.toJson()));
    }
    ArrayNode rows = table.putArray("rows");
    if (list) {
      for (JsonNode item : Fields.list(objectOrList, "items")) {
        if (item instanceof ObjectNode object) {
          rows.add(row(object, options, now));
        }
      }
    } else {
      rows.add(row(objectOrList, options, now));
    }
    return table;
  }

  /** Whether {@code object} is a list of this resource rather than one of its objects. */
  boolean isList(ObjectNode object) {
    JsonNode items = object.get("items");
    return items != null && items.isArray() && !Meta.kind(object).equals(type.kind());
  }

  private ObjectNode row(ObjectNode object, TableOptions options, Instant now) {
    TableRow printed = printer.print(object, now);
    ObjectNode row = NODES.objectNode();
    row.set("cells", printed.cellsJson());
    if (!printed.conditions().isEmpty()) {
      ArrayNode conditions = row.putArray("conditions");
      printed.conditions().forEach(condition -> conditions.add(condition.toJson()));
    }
    switch (options.includeObject()) {
      case NONE -> row.putNull("object");
      case METADATA -> row.set("object", partialObjectMetadata(object, options.apiVersion()));
      case OBJECT -> row.set("object", fullObject(object));
      default -> throw new IllegalStateException(options.includeObject().name());
    }
    return row;
  }

  /** {@code meta.AsPartialObjectMetadata}: the whole metadata under the Table's version. */
  private static ObjectNode partialObjectMetadata(ObjectNode object, String apiVersion) {
    ObjectNode partial = NODES.objectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", apiVersion);
    JsonNode metadata = Fields.object(object, "metadata");
    partial.set("metadata", metadata == null ? NODES.objectNode() : metadata.deepCopy());
    return partial;
  }

  /** The object in its resource's version, with kind and apiVersion even for a list item. */
  private ObjectNode fullObject(ObjectNode object) {
    ObjectNode full = NODES.objectNode();
    full.put("kind", type.kind());
    full.put("apiVersion", type.apiVersion());
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (!field.getKey().equals("kind") && !field.getKey().equals("apiVersion")) {
        full.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return full;
  }

  private static void copyText(JsonNode from, String field, ObjectNode to) {
    String value = Fields.text(from, field);
    if (!value.isEmpty()) {
      to.put(field, value);
    }
  }
}
