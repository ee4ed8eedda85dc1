package io.kubee.apiserver.allocation;

/**
 * An IPv4 CIDR whose addresses can be numbered, for the service IP range. The network and
 * broadcast addresses are never handed out, as Kubernetes' allocator does.
 */
public record Ipv4Range(String cidr, long base, int prefix) {

  public static Ipv4Range parse(String cidr) {
    String[] parts = cidr.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("service ranges must be /8 to /30: " + cidr);
    }
    long address = toLong(parts[0]);
    long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return new Ipv4Range(cidr.trim(), address & mask, prefix);
  }

  /** How many addresses can be allocated (without network and broadcast). */
  public long size() {
    return (1L << (32 - prefix)) - 2;
  }

  /** The {@code index}th allocatable address, from 0. */
  public String address(long index) {
    if (index < 0 || index >= size()) {
      throw new IllegalArgumentException("index out of range: " + index);
    }
    return toText(base + 1 + index);
  }

  /** The index of {@code ip}, or -1 if it is not an allocatable address of this range. */
  public long indexOf(String ip) {
    long address;
    try {
      address = toLong(ip);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    long index = address - base - 1;
    return index >= 0 && index < size() ? index : -1;
  }

  static long toLong(String ip) {
    String[] octets = ip.trim().split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    long value = 0;
    for (String octet : octets) {
      int part;
      try {
        part = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip, e);
      }
      if (part < 0 || part > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      value = (value << 8) | part;
    }
    return value;
  }

  static String toText(long address) {
    return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "."
        + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
  }
}
