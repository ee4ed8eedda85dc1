package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amount of each resource the scheduler counts (kube-scheduler's {@code framework.Resource}):
 * milli-CPU, memory and ephemeral storage in bytes, a pod count, and extended resources by name.
 * Mutable; the owner (a {@link NodeInfo} or {@link PodInfo}) decides who may change it.
 */
public final class Resource {
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
  public static final String PODS = "pods";

  public long milliCpu;
  public long memory;
  public long ephemeralStorage;
  public long allowedPods;
  public final Map<String, Long> scalar = new TreeMap<>();

  /** The resources in a {@code ResourceList} (requests, allocatable, overhead). */
  public static Resource of(Map<String, Quantity> list) {
    Resource r = new Resource();
    if (list != null) {
      list.forEach(r::add);
    }
    return r;
  }

  /** Adds one named quantity. */
  public void add(String name, Quantity quantity) {
    switch (name) {
      case CPU -> milliCpu += milliValue(quantity);
      case MEMORY -> memory += value(quantity);
      case EPHEMERAL_STORAGE -> ephemeralStorage += value(quantity);
      case PODS -> allowedPods += value(quantity);
      default -> {
        if (isScalar(name)) {
          scalar.merge(name, value(quantity), Long::sum);
        }
      }
    }
  }

  public void add(Resource other) {
    milliCpu += other.milliCpu;
    memory += other.memory;
    ephemeralStorage += other.ephemeralStorage;
    allowedPods += other.allowedPods;
    other.scalar.forEach((k, v) -> scalar.merge(k, v, Long::sum));
  }

  public void subtract(Resource other) {
    milliCpu -= other.milliCpu;
    memory -= other.memory;
    ephemeralStorage -= other.ephemeralStorage;
    allowedPods -= other.allowedPods;
    other.scalar.forEach((k, v) -> scalar.merge(k, -v, Long::sum));
  }

  /** Each field the larger of this and {@code other} (init containers run one at a time). */
  public void setMax(Resource other) {
    milliCpu = Math.max(milliCpu, other.milliCpu);
    memory = Math.max(memory, other.memory);
    ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
    allowedPods = Math.max(allowedPods, other.allowedPods);
    other.scalar.forEach((k, v) -> scalar.merge(k, v, Math::max));
  }

  public Resource copy() {
    Resource r = new Resource();
    r.add(this);
    return r;
  }

  public boolean isZero() {
    if (milliCpu != 0 || memory != 0 || ephemeralStorage != 0) {
      return false;
    }
    if (scalar.isEmpty()) {
      return true;
    }
    for (long v : scalar.values()) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** Extended resources (example.com/gpu) and hugepages; not the kubernetes.io/ ones. */
  static boolean isScalar(String name) {
    return name.startsWith("hugepages-") || name.startsWith("attachable-volumes-")
        || (name.contains("/") && !name.startsWith("kubernetes.io/"));
  }

  static long value(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.UP).longValueExact();
  }

  static long milliValue(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).multiply(BigDecimal.valueOf(1000))
        .setScale(0, RoundingMode.UP).longValueExact();
  }

  @Override
  public String toString() {
    return "cpu=" + milliCpu + "m memory=" + memory + " ephemeral-storage=" + ephemeralStorage
        + " pods=" + allowedPods + (scalar.isEmpty() ? "" : " " + scalar);
  }
}
