package io.kubee.node.util;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Resource quantities as the kubelet needs them: CPU in millicores, sizes in bytes. */
public final class Quantities {
  private Quantities() {}

  /** Millicores of a cpu quantity ("500m" = 500, "2" = 2000), rounded up; 0 when null. */
  public static long milliCpu(Quantity quantity) {
    if (quantity == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(quantity).multiply(BigDecimal.valueOf(1000))
        .setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** Bytes of a size quantity ("64Mi"), rounded up; 0 when null. */
  public static long bytes(Quantity quantity) {
    if (quantity == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The exact amount (cores, bytes) of a quantity; null when null. */
  public static BigDecimal amount(Quantity quantity) {
    return quantity == null ? null : Quantity.getAmountInBytes(quantity);
  }

  public static Quantity get(Map<String, Quantity> resources, String name) {
    return resources == null ? null : resources.get(name);
  }

  public static Quantity cores(long milli) {
    return milli % 1000 == 0 ? new Quantity(Long.toString(milli / 1000))
        : new Quantity(milli + "m");
  }

  /** Bytes as Kubernetes prints node capacity: in Ki when divisible. */
  public static Quantity kibibytes(long bytes) {
    return bytes % 1024 == 0 ? new Quantity((bytes / 1024) + "Ki") : new Quantity(Long.toString(bytes));
  }
}
