package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Core v1 Events: LAST SEEN TYPE REASON OBJECT [SUBOBJECT SOURCE] MESSAGE [FIRST SEEN COUNT NAME],
 * as {@code printEvent} in Kubernetes' {@code pkg/printers/internalversion/printers.go} (1.32:
 * the wide columns sit between and after the default ones). Timestamps fall back as Kubernetes
 * does: first seen from eventTime, last seen from first seen or the series' last observation;
 * a singleton event of the new API counts 1. OBJECT is "kind/name" in lower case.
 */
final class EventPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.string("Last Seen", "The time at which the most recent occurrence of this"
          + " event was recorded."),
      TableColumn.string("Type", "Type of this event (Normal, Warning), new types could be added"
          + " in the future"),
      TableColumn.string("Reason", "This should be a short, machine understandable string that"
          + " gives the reason for the transition into the object's current status."),
      TableColumn.string("Object", "The object that this event is about."),
      TableColumn.string("Subobject", "If referring to a piece of an object instead of an entire"
          + " object, this string should contain a valid JSON/Go field access statement, such as"
          + " desiredState.manifest.containers[2]. For example, if the object reference is to a"
          + " container within a pod, this would take on a value like: \"spec.containers{name}\""
          + " (where \"name\" refers to the name of the container that triggered the event) or"
          + " if no container name is specified \"spec.containers[2]\" (container with index 2"
          + " in this pod). This syntax is chosen only to have some well-defined way of"
          + " referencing a part of an object.").wide(),
      TableColumn.string("Source", "The component reporting this event. Should be a short"
          + " machine understandable string.").wide(),
      TableColumn.string("Message", "A human-readable description of the status of this"
          + " operation."),
      TableColumn.string("First Seen", "The time at which the event was first recorded. (Time"
          + " of server receipt is in TypeMeta.)").wide(),
      TableColumn.string("Count", "The number of times this event has occurred.").wide(),
      TableColumn.nameColumn().wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode event, Instant now) {
    String firstTimestamp = HumanDuration.since(Fields.text(event, "firstTimestamp"), now);
    if (HumanDuration.parse(Fields.text(event, "firstTimestamp")) == null) {
      firstTimestamp = HumanDuration.since(Fields.text(event, "eventTime"), now);
    }
    String lastTimestamp = HumanDuration.since(Fields.text(event, "lastTimestamp"), now);
    if (HumanDuration.parse(Fields.text(event, "lastTimestamp")) == null) {
      lastTimestamp = firstTimestamp;
    }
    long count = Fields.integer(event, "count");
    JsonNode series = Fields.object(event, "series");
    if (series != null) {
      lastTimestamp = HumanDuration.since(Fields.text(series, "lastObservedTime"), now);
      count = Fields.integer(series, "count");
    } else if (count == 0) {
      // singleton events of the events.k8s.io API carry no count
      count = 1;
    }

    JsonNode involved = Fields.object(event, "involvedObject");
    String kind = Fields.text(involved, "kind").toLowerCase(Locale.ROOT);
    String name = Fields.text(involved, "name");
    String target = name.isEmpty() ? kind : kind + "/" + name;

    return TableRow.of(
        lastTimestamp,
        Fields.text(event, "type"),
        Fields.text(event, "reason"),
        target,
        Fields.text(involved, "fieldPath"),
        source(event),
        Fields.text(event, "message").strip(),
        firstTimestamp,
        count,
        Meta.name(event));
  }

  /**
   * "component, host" from source, falling back on reportingComponent and reportingInstance;
   * the host part is left out when empty.
   */
  private static String source(ObjectNode event) {
    JsonNode source = Fields.object(event, "source");
    String component = firstNonEmpty(Fields.text(source, "component"),
        Fields.text(event, "reportingComponent"));
    String instance = firstNonEmpty(Fields.text(source, "host"),
        Fields.text(event, "reportingInstance"));
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String first, String second) {
    return first.isEmpty() ? second : first;
  }
}
