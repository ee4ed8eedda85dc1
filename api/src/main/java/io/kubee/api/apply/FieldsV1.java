package io.kubee.api.apply;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code FieldsV1} encoding of a {@link FieldSet} (structured-merge-diff's
 * {@code fieldpath/serialize.go}): a JSON object whose keys are serialized path elements, whose
 * values are the subsets below them, and where {@code ".": {}} marks a path that is a member as
 * well as a parent. Written with members and children interleaved in path-element order, as
 * {@code emitContentsV1} writes them, so that a set has exactly one encoding.
 */
final class FieldsV1 {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FieldsV1() {}

  static FieldSet parse(String text) {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("invalid FieldsV1: " + e.getOriginalMessage(), e);
    }
    return read(tree);
  }

  /**
   * Reads a tree. Keys of an unknown type are dropped, as SMD drops them.
   *
   * @throws IllegalArgumentException when the tree is not a FieldsV1 object
   */
  static FieldSet read(JsonNode tree) {
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      return FieldSet.EMPTY;
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException("FieldsV1 must be a JSON object");
    }
    FieldSet.Builder builder = FieldSet.builder();
    readInto(tree, builder);
    return builder.build();
  }

  /** Reads the entries of {@code node} into {@code level}; true when {@code "."} is among them. */
  private static boolean readInto(JsonNode node, FieldSet.Builder level) {
    boolean self = false;
    boolean any = false;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().equals(".")) {
        self = true;
        continue;
      }
      PathElement element = PathElement.parse(entry.getKey());
      if (element == null) {
        continue;
      }
      JsonNode value = entry.getValue();
      if (!value.isObject()) {
        throw new IllegalArgumentException("the value of " + entry.getKey()
            + " must be a JSON object");
      }
      FieldSet.Builder below = FieldSet.builder();
      boolean member = readInto(value, below);
      FieldSet children = below.build();
      if (member || children.isEmpty()) {
        level.member(element);
      }
      if (!children.isEmpty()) {
        copyInto(children, level.child(element));
      }
      any = true;
    }
    return self || !any;
  }

  private static void copyInto(FieldSet set, FieldSet.Builder target) {
    set.members().forEach(target::member);
    set.children().forEach((element, child) -> copyInto(child, target.child(element)));
  }

  static String write(FieldSet set) {
    StringBuilder out = new StringBuilder();
    out.append('{');
    writeContents(set, false, out);
    return out.append('}').toString();
  }

  private static void writeContents(FieldSet set, boolean includeSelf, StringBuilder out) {
    boolean[] first = {true};
    Runnable comma = () -> {
      if (!first[0]) {
        out.append(',');
      }
      first[0] = false;
    };
    if (includeSelf && !set.isEmpty()) {
      comma.run();
      out.append("\".\":{}");
    }
    Iterator<PathElement> members = set.members().iterator();
    Iterator<Map.Entry<PathElement, FieldSet>> children = set.children().entrySet().iterator();
    PathElement member = members.hasNext() ? members.next() : null;
    Map.Entry<PathElement, FieldSet> child = children.hasNext() ? children.next() : null;
    while (member != null || child != null) {
      int c = member == null ? 1 : child == null ? -1 : member.compareTo(child.getKey());
      comma.run();
      if (c < 0) {
        JsonValues.writeString(member.serialize(), out);
        out.append(":{}");
        member = members.hasNext() ? members.next() : null;
      } else {
        JsonValues.writeString(child.getKey().serialize(), out);
        out.append(":{");
        writeContents(child.getValue(), c == 0, out);
        out.append('}');
        if (c == 0) {
          member = members.hasNext() ? members.next() : null;
        }
        child = children.hasNext() ? children.next() : null;
      }
    }
  }

  static ObjectNode tree(FieldSet set) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    fill(set, false, node);
    return node;
  }

  private static void fill(FieldSet set, boolean includeSelf, ObjectNode node) {
    if (includeSelf && !set.isEmpty()) {
      node.putObject(".");
    }
    Iterator<PathElement> members = set.members().iterator();
    Iterator<Map.Entry<PathElement, FieldSet>> children = set.children().entrySet().iterator();
    PathElement member = members.hasNext() ? members.next() : null;
    Map.Entry<PathElement, FieldSet> child = children.hasNext() ? children.next() : null;
    while (member != null || child != null) {
      int c = member == null ? 1 : child == null ? -1 : member.compareTo(child.getKey());
      if (c < 0) {
        node.putObject(member.serialize());
        member = members.hasNext() ? members.next() : null;
      } else {
        fill(child.getValue(), c == 0, node.putObject(child.getKey().serialize()));
        if (c == 0) {
          member = members.hasNext() ? members.next() : null;
        }
        child = children.hasNext() ? children.next() : null;
      }
    }
  }
}
