package io.kubee.api.apply;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code metadata.managedFields} (Kubernetes' {@code DecodeManagedFields} and
 * {@code EncodeObjectManagedFields} in {@code managedfields/internal/managedfields.go}). Entries
 * are written sorted as Kubernetes sorts them: Apply before Update, then by time (to the
 * second), manager, apiVersion and subresource. Stateless.
 */
public final class ManagedFields {
  private ManagedFields() {}

  private static final Comparator<ManagedFieldsEntry> ORDER = Comparator
      .comparing(ManagedFieldsEntry::operation, JsonValues::compareStrings)
      .thenComparingLong(e -> seconds(e.time()))
      .thenComparing(ManagedFieldsEntry::manager, JsonValues::compareStrings)
      .thenComparing(ManagedFieldsEntry::apiVersion, JsonValues::compareStrings)
      .thenComparing(ManagedFieldsEntry::subresource, JsonValues::compareStrings);

  /**
   * The entries of an object, as stored (none when it has no managedFields).
   *
   * @throws IllegalArgumentException with Kubernetes' message when an entry is invalid
   *     ("operation must be `Apply` or `Update`", "apiVersion must not be empty", ...)
   */
  public static List<ManagedFieldsEntry> read(ObjectNode object) {
    JsonNode list = object.path("metadata").get("managedFields");
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (list == null || !list.isArray()) {
      return entries;
    }
    for (int i = 0; i < list.size(); i++) {
      entries.add(entry(list.get(i), i));
    }
    return entries;
  }

  /**
   * Sets {@code metadata.managedFields} to the entries, sorted; no entries removes the field.
   */
  public static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
    ObjectNode metadata = metadata(object);
    if (entries.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    List<ManagedFieldsEntry> sorted = new ArrayList<>(entries);
    sorted.sort(ORDER);
    ArrayNode array = metadata.putArray("managedFields");
    sorted.forEach(e -> array.add(e.toJson()));
  }

  /**
   * Whether a request asks to clear the managed fields: {@code managedFields: []}, or a list
   * of one empty entry ({@code [{}]}) (Kubernetes' {@code isResetManagedFields}).
   */
  public static boolean isReset(ObjectNode object) {
    JsonNode list = object.path("metadata").get("managedFields");
    if (list == null || !list.isArray()) {
      return false;
    }
    return list.isEmpty() || (list.size() == 1 && isEmptyEntry(list.get(0)));
  }

  private static boolean isEmptyEntry(JsonNode entry) {
    if (!entry.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> field : entry.properties()) {
      JsonNode v = field.getValue();
      if (!(v.isNull() || (v.isString() && v.asString().isEmpty()))) {
        return false;
      }
    }
    return true;
  }

  /** The managed fields of an object as the engine holds them. */
  static Managed decode(ObjectNode object) {
    Managed managed = new Managed();
    for (ManagedFieldsEntry entry : read(object)) {
      ManagerId id = new ManagerId(entry.manager(), entry.operation(), entry.apiVersion(),
          entry.subresource());
      // a later entry with the same identity wins, as in Kubernetes' map
      managed.put(id, new Managed.VersionedSet(entry.fieldsV1(), entry.apiVersion(),
          id.applies()));
      managed.times().put(id, entry.time());
    }
    return managed;
  }

  /** Writes the engine's managed fields into an object (none: the field is removed). */
  static void encode(ObjectNode object, Managed managed) {
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    for (Map.Entry<ManagerId, Managed.VersionedSet> e : managed.fields().entrySet()) {
      ManagerId id = e.getKey();
      Managed.VersionedSet set = e.getValue();
      entries.add(new ManagedFieldsEntry(id.manager(),
          set.applied() ? ManagedFieldsEntry.APPLY : id.operation(), set.apiVersion(),
          managed.times().get(id), ManagedFieldsEntry.FIELDS_V1, set.set(), id.subresource()));
    }
    write(object, entries);
  }

  static void remove(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata instanceof ObjectNode node) {
      node.remove("managedFields");
    }
  }

  private static ManagedFieldsEntry entry(JsonNode node, int index) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("managed fields entry " + index + " is not an object");
    }
    String operation = text(node, "operation");
    if (!operation.equals(ManagedFieldsEntry.APPLY)
        && !operation.equals(ManagedFieldsEntry.UPDATE)) {
      throw new IllegalArgumentException("operation must be `Apply` or `Update`");
    }
    String apiVersion = text(node, "apiVersion");
    if (apiVersion.isEmpty()) {
      throw new IllegalArgumentException("apiVersion must not be empty");
    }
    String fieldsType = text(node, "fieldsType");
    if (fieldsType.isEmpty()) {
      throw new IllegalArgumentException("missing fieldsType in managed fields entry " + index);
    }
    if (!fieldsType.equals(ManagedFieldsEntry.FIELDS_V1)) {
      throw new IllegalArgumentException("invalid fieldsType " + JsonValues.goQuote(fieldsType)
          + " in managed fields entry " + index);
    }
    FieldSet fields;
    try {
      fields = FieldsV1.read(node.get("fieldsV1"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("error decoding versioned set from managed fields "
          + "entry " + index + ": error decoding set: " + e.getMessage(), e);
    }
    JsonNode time = node.get("time");
    return new ManagedFieldsEntry(text(node, "manager"), operation, apiVersion,
        time == null || time.isNull() ? null : time.asString(), fieldsType, fields,
        text(node, "subresource"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asString();
  }

  private static ObjectNode metadata(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata instanceof ObjectNode node) {
      return node;
    }
    return object.putObject("metadata");
  }

  /** Seconds since the epoch of an RFC 3339 time; 0 for none, as Kubernetes sorts a nil time. */
  static long seconds(String time) {
    if (time == null || time.isEmpty()) {
      return 0;
    }
    try {
      return OffsetDateTime.parse(time).toEpochSecond();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
