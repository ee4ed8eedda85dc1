package io.kubee.api.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The path elements of the items of an associative list (structured-merge-diff's
 * {@code listItemToPathElement}): {@code k:{...}} from the key fields of a list-map element
 * (with the schema's default for a key the element omits), {@code v:...} for a set element.
 */
final class ListElements {
  private ListElements() {}

  /** Why an item has no path element, in SMD's words. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static PathElement of(Shape list, JsonNode item) throws Invalid {
    if (list.isSet()) {
      if (item.isObject()) {
        throw new Invalid("associative list without keys has an element that's a map type");
      }
      if (item.isArray()) {
        throw new Invalid("not supported: associative list with lists as elements");
      }
      if (item.isNull()) {
        throw new Invalid(
            "associative list without keys has an element that's an explicit null");
      }
      return PathElement.value(item);
    }
    if (item.isNull()) {
      throw new Invalid("associative list with keys may not have a null element");
    }
    if (!item.isObject()) {
      throw new Invalid("associative list with keys may not have non-map elements");
    }
    List<PathElement.KeyField> fields = new ArrayList<>();
    for (String key : list.keys()) {
      JsonNode value = item.get(key);
      if (value != null) {
        fields.add(new PathElement.KeyField(key, value));
      } else {
        JsonNode fallback = list.keyDefault(key);
        if (fallback != null) {
          fields.add(new PathElement.KeyField(key, fallback));
        }
      }
    }
    if (!list.keys().isEmpty() && fields.isEmpty()) {
      throw new Invalid("associative list with keys has an element that omits all key fields "
          + list.keys().stream().map(JsonValues::goQuote)
              .collect(Collectors.joining(" ", "[", "]"))
          + " (and doesn't have default values for any key fields)");
    }
    return PathElement.key(fields);
  }

  /**
   * The path elements of every item, in order, or null when some item has none (a list a
   * lenient walk then treats as one leaf).
   */
  static List<PathElement> ofAll(Shape list, JsonNode items) {
    List<PathElement> out = new ArrayList<>(items.size());
    for (JsonNode item : items.values()) {
      try {
        out.add(of(list, item));
      } catch (Invalid e) {
        return null;
      }
    }
    return out;
  }
}
