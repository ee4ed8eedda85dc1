package io.kubee.apiserver.printers;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code metav1.TableColumnDefinition}: what a column of a {@code kubectl get} table holds.
 *
 * @param name        the header, in title case ("Nominated Node"); kubectl upper-cases it
 * @param type        an OpenAPI type: "string", "integer", "number", "boolean" or "date"
 * @param format      "name" for the column that names the object, else ""
 * @param description what the column shows (Kubernetes uses the field's API documentation)
 * @param priority    0 for the default columns, 1 for those kubectl shows only with
 *                    {@code -o wide}
 */
public record TableColumn(String name, String type, String format, String description,
    int priority) {

  /** {@code metav1.ObjectMeta{}.SwaggerDoc()["name"]}. */
  static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when"
      + " creating resources, although some resources may allow a client to request the"
      + " generation of an appropriate name automatically. Name is primarily intended for"
      + " creation idempotence and configuration definition. Cannot be updated. More info:"
      + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

  /** {@code metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]}. */
  static final String CREATION_TIMESTAMP_DESCRIPTION = "CreationTimestamp is a timestamp"
      + " representing the server time when this object was created. It is not guaranteed to be"
      + " set in happens-before order across separate operations. Clients may not set this"
      + " value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system."
      + " Read-only. Null for lists. More info:"
      + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"
      + "#metadata";

  static final String CONTAINERS_DESCRIPTION = "Names of each container in the template.";
  static final String IMAGES_DESCRIPTION = "Images referenced by each container in the template.";

  public TableColumn {
    format = format == null ? "" : format;
    description = description == null ? "" : description;
  }

  /** The "Name" column every printer starts with (format "name", which kubectl relies on). */
  static TableColumn nameColumn() {
    return new TableColumn("Name", "string", "name", NAME_DESCRIPTION, 0);
  }

  /** The "Age" column: the human duration since metadata.creationTimestamp, as a string. */
  static TableColumn ageColumn() {
    return string("Age", CREATION_TIMESTAMP_DESCRIPTION);
  }

  static TableColumn string(String name, String description) {
    return new TableColumn(name, "string", "", description, 0);
  }

  static TableColumn integer(String name, String description) {
    return new TableColumn(name, "integer", "", description, 0);
  }

  /** This column at priority 1: shown by kubectl only with {@code -o wide}. */
  TableColumn wide() {
    return new TableColumn(name, type, format, description, 1);
  }

  /** The column as it travels in {@code Table.columnDefinitions}; every field is present. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", name);
    node.put("type", type);
    node.put("format", format);
    node.put("description", description);
    node.put("priority", priority);
    return node;
  }
}
