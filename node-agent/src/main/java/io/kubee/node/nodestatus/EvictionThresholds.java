package io.kubee.node.nodestatus;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.node.util.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hard eviction thresholds as kubelet's {@code --eviction-hard} gives them
 * ({@code memory.available<100Mi,nodefs.available<10%,...}): per signal an absolute quantity or
 * a percentage of capacity. They decide the node's pressure conditions and are held back from
 * allocatable.
 */
public final class EvictionThresholds {
  /** kubelet's defaults, plus a pid threshold so that PIDPressure has a signal. */
  public static final String DEFAULTS = "memory.available<100Mi,nodefs.available<10%,"
      + "nodefs.inodesFree<5%,imagefs.available<15%,imagefs.inodesFree<5%,pid.available<5%";

  /** @param quantity absolute, or null; @param percent of capacity when quantity is null */
  public record Threshold(Quantity quantity, double percent) {
    /** The threshold in units of the signal for a resource of {@code capacity}. */
    public long value(long capacity) {
      if (quantity != null) {
        return Quantities.bytes(quantity);
      }
      return (long) Math.ceil(capacity * percent / 100.0);
    }
  }

  private final Map<String, Threshold> thresholds;

  private EvictionThresholds(Map<String, Threshold> thresholds) {
    this.thresholds = thresholds;
  }

  public static EvictionThresholds parse(String spec) {
    Map<String, Threshold> map = new LinkedHashMap<>();
    if (spec != null && !spec.isBlank()) {
      for (String part : spec.split(",")) {
        String[] kv = part.trim().split("<", 2);
        if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
          throw new IllegalArgumentException("invalid eviction threshold \"" + part
              + "\": want signal<quantity or signal<percent%");
        }
        String value = kv[1].trim();
        Threshold t = value.endsWith("%")
            ? new Threshold(null, Double.parseDouble(value.substring(0, value.length() - 1)))
            : new Threshold(new Quantity(value), 0);
        map.put(kv[0].trim(), t);
      }
    }
    return new EvictionThresholds(map);
  }

  /** The threshold of a signal, or null when it has none. */
  public Threshold get(String signal) {
    return thresholds.get(signal);
  }

  /** Whether {@code available} of {@code capacity} is under the signal's threshold. */
  public boolean crossed(String signal, long available, long capacity) {
    Threshold t = thresholds.get(signal);
    return t != null && capacity > 0 && available < t.value(capacity);
  }
}
