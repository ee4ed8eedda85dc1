package io.kubee.api.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of fields of an object, as structured-merge-diff's {@code fieldpath.Set}: the members at
 * this level, and for each path element that leads further, the set below it. Membership of a
 * path does not imply membership of its parents ({@code spec.replicas} can be a member while
 * {@code spec} is not); a path that is both a member and has children is written {@code "."}
 * in {@code FieldsV1}.
 *
 * <p>Immutable and thread-safe; every operation returns a new set. Build sets with
 * {@link #builder()}, {@link #of}, or {@link #parse} from {@code FieldsV1} JSON.
 */
public final class FieldSet {
  public static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

  private final NavigableSet<PathElement> members;
  private final NavigableMap<PathElement, FieldSet> children;

  private FieldSet(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
    this.members = Collections.unmodifiableNavigableSet(members);
    this.children = Collections.unmodifiableNavigableMap(children);
  }

  private static FieldSet create(TreeSet<PathElement> members,
      TreeMap<PathElement, FieldSet> children) {
    return members.isEmpty() && children.isEmpty() ? EMPTY : new FieldSet(members, children);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static FieldSet of(Path... paths) {
    Builder builder = builder();
    for (Path p : paths) {
      builder.insert(p);
    }
    return builder.build();
  }

  public static FieldSet of(Collection<Path> paths) {
    Builder builder = builder();
    paths.forEach(builder::insert);
    return builder.build();
  }

  /** Parses {@code FieldsV1} JSON text ({@code {"f:spec":{"f:replicas":{}}}}). */
  public static FieldSet parse(String fieldsV1) {
    return FieldsV1.parse(fieldsV1);
  }

  /** Reads a {@code FieldsV1} tree. */
  public static FieldSet fromJson(JsonNode fieldsV1) {
    return FieldsV1.read(fieldsV1);
  }

  /** The set as Kubernetes serializes {@code FieldsV1}: compact JSON in SMD's order. */
  public String toJson() {
    return FieldsV1.write(this);
  }

  /** The set as a {@code FieldsV1} tree, its properties in SMD's order. */
  public ObjectNode toJsonNode() {
    return FieldsV1.tree(this);
  }

  /** Members at this level. */
  public NavigableSet<PathElement> members() {
    return members;
  }

  /** Sets below the path elements that lead further. */
  public NavigableMap<PathElement, FieldSet> children() {
    return children;
  }

  public boolean isEmpty() {
    if (!members.isEmpty()) {
      return false;
    }
    for (FieldSet child : children.values()) {
      if (!child.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The number of member paths. */
  public int size() {
    int n = members.size();
    for (FieldSet child : children.values()) {
      n += child.size();
    }
    return n;
  }

  /** Whether {@code path} is a member; the empty path never is. */
  public boolean has(Path path) {
    if (path.isEmpty()) {
      return false;
    }
    FieldSet set = this;
    for (int i = 0; i < path.size() - 1; i++) {
      set = set.children.get(path.get(i));
      if (set == null) {
        return false;
      }
    }
    return set.members.contains(path.get(path.size() - 1));
  }

  /** The paths below {@code element}, without it; empty when there are none. */
  public FieldSet withPrefix(PathElement element) {
    FieldSet child = children.get(element);
    return child == null ? EMPTY : child;
  }

  /** Paths in either set. */
  public FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.addAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
    for (Map.Entry<PathElement, FieldSet> e : other.children.entrySet()) {
      c.merge(e.getKey(), e.getValue(), FieldSet::union);
    }
    return create(m, c);
  }

  /** Paths in both sets. */
  public FieldSet intersection(FieldSet other) {
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.retainAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      FieldSet theirs = other.children.get(e.getKey());
      if (theirs != null) {
        FieldSet both = e.getValue().intersection(theirs);
        if (!both.isEmpty()) {
          c.put(e.getKey(), both);
        }
      }
    }
    return create(m, c);
  }

  /**
   * Paths in this set and not in {@code other}. A member of {@code other} does not remove the
   * paths below it (parent - child = parent, child - parent = child); see
   * {@link #recursiveDifference}.
   */
  public FieldSet difference(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.removeAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      FieldSet theirs = other.children.get(e.getKey());
      FieldSet rest = theirs == null ? e.getValue() : e.getValue().difference(theirs);
      if (!rest.isEmpty()) {
        c.put(e.getKey(), rest);
      }
    }
    return create(m, c);
  }

  /** Paths in this set that are neither in {@code other} nor below one of its members. */
  public FieldSet recursiveDifference(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeSet<PathElement> m = new TreeSet<>(members);
    m.removeAll(other.members);
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      if (other.members.contains(e.getKey())) {
        continue;
      }
      FieldSet theirs = other.children.get(e.getKey());
      FieldSet rest = theirs == null ? e.getValue() : e.getValue().recursiveDifference(theirs);
      if (!rest.isEmpty()) {
        c.put(e.getKey(), rest);
      }
    }
    return create(m, c);
  }

  /** The members that have no members below them. */
  public FieldSet leaves() {
    TreeSet<PathElement> m = new TreeSet<>();
    for (PathElement member : members) {
      if (!children.containsKey(member)) {
        m.add(member);
      }
    }
    TreeMap<PathElement, FieldSet> c = new TreeMap<>();
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      FieldSet leaves = e.getValue().leaves();
      if (!leaves.isEmpty()) {
        c.put(e.getKey(), leaves);
      }
    }
    return create(m, c);
  }

  /**
   * The paths that start with one of {@code prefixes} (the prefix itself included), as SMD's
   * {@code NewIncludeMatcherFilter(MakePrefixMatcherOrDie(...))}.
   */
  public FieldSet withPrefixes(Collection<Path> prefixes) {
    Builder keep = builder();
    for (Path prefix : prefixes) {
      if (prefix.isEmpty()) {
        return this;
      }
      FieldSet set = this;
      for (int i = 0; i < prefix.size() - 1 && set != null; i++) {
        set = set.children.get(prefix.get(i));
      }
      if (set == null) {
        continue;
      }
      PathElement last = prefix.get(prefix.size() - 1);
      if (set.members.contains(last)) {
        keep.insert(prefix);
      }
      FieldSet below = set.children.get(last);
      if (below != null) {
        below.forEach(p -> keep.insert(concat(prefix, p)));
      }
    }
    return keep.build();
  }

  /** Every member path, in SMD's iteration order (members of a level before its children). */
  public List<Path> paths() {
    List<Path> out = new ArrayList<>();
    forEach(out::add);
    return out;
  }

  public void forEach(Consumer<Path> action) {
    iterate(new ArrayList<>(), action);
  }

  private void iterate(List<PathElement> prefix, Consumer<Path> action) {
    for (PathElement member : members) {
      prefix.add(member);
      action.accept(new Path(prefix));
      prefix.remove(prefix.size() - 1);
    }
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      prefix.add(e.getKey());
      e.getValue().iterate(prefix, action);
      prefix.remove(prefix.size() - 1);
    }
  }

  private static Path concat(Path a, Path b) {
    List<PathElement> list = new ArrayList<>(a.elements());
    list.addAll(b.elements());
    return new Path(list);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FieldSet other)) {
      return false;
    }
    if (!members.equals(other.members) || children.size() != other.children.size()) {
      return false;
    }
    Iterator<Map.Entry<PathElement, FieldSet>> a = children.entrySet().iterator();
    Iterator<Map.Entry<PathElement, FieldSet>> b = other.children.entrySet().iterator();
    while (a.hasNext()) {
      Map.Entry<PathElement, FieldSet> x = a.next();
      Map.Entry<PathElement, FieldSet> y = b.next();
      if (!x.getKey().equals(y.getKey()) || !x.getValue().equals(y.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return 31 * members.hashCode() + children.hashCode();
  }

  /** One path per line, as SMD's {@code Set.String}. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    forEach(p -> lines.add(p.toString()));
    return String.join("\n", lines);
  }

  /** Collects paths into a set. Not thread-safe. */
  public static final class Builder {
    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, Builder> children = new TreeMap<>();

    private Builder() {}

    /** Adds {@code path} (not its parents); the empty path is ignored, as SMD ignores it. */
    public Builder insert(Path path) {
      if (path.isEmpty()) {
        return this;
      }
      Builder level = this;
      for (int i = 0; i < path.size() - 1; i++) {
        level = level.children.computeIfAbsent(path.get(i), k -> new Builder());
      }
      level.members.add(path.get(path.size() - 1));
      return this;
    }

    Builder member(PathElement element) {
      members.add(element);
      return this;
    }

    Builder child(PathElement element) {
      return children.computeIfAbsent(element, k -> new Builder());
    }

    public FieldSet build() {
      TreeMap<PathElement, FieldSet> built = new TreeMap<>();
      for (Map.Entry<PathElement, Builder> e : children.entrySet()) {
        FieldSet child = e.getValue().build();
        if (!child.isEmpty()) {
          built.put(e.getKey(), child);
        }
      }
      return create(new TreeSet<>(members), built);
    }
  }
}
