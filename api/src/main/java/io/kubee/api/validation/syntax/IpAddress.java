package io.kubee.api.validation.syntax;

import java.util.Arrays;

/**
 * IP addresses and CIDRs parsed as Kubernetes parses them ({@code netutils.ParseIPSloppy}, which
 * tolerates leading zeros in IPv4), without ever resolving a host name. An address is held as 16
 * bytes; IPv4 addresses are IPv4-mapped, as in Go's {@code net.IP}.
 */
public final class IpAddress {
  public static final String INVALID_IP =
      "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
  public static final String INVALID_CIDR =
      "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  private static final byte[] V4_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address, or {@code null} when {@code text} is not an IP literal. */
  public static IpAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    byte[] b = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    return b == null ? null : new IpAddress(b);
  }

  public static boolean isValid(String text) {
    return parse(text) != null;
  }

  /** Whether {@code text} is {@code address/prefix} with a prefix that fits the family. */
  public static boolean isValidCidr(String text) {
    return cidrAddress(text) != null;
  }

  /** The address part of a valid CIDR, or {@code null}. */
  public static IpAddress cidrAddress(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String addr = text.substring(0, slash);
    String prefix = text.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      return null;
    }
    // Go's ParseCIDR accepts only the dotted IPv4 form for IPv4 prefixes
    IpAddress ip = parse(addr);
    if (ip == null) {
      return null;
    }
    int bits = addr.indexOf(':') >= 0 ? 128 : 32;
    int n = Integer.parseInt(prefix);
    if (n > bits || (prefix.length() > 1 && prefix.charAt(0) == '0')) {
      return null;
    }
    return ip;
  }

  /** IPv4, including IPv4-mapped IPv6, as Go's {@code To4() != nil}. */
  public boolean isV4() {
    return Arrays.equals(bytes, 0, 12, V4_PREFIX, 0, 12);
  }

  public boolean isUnspecified() {
    if (isV4()) {
      return bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] == 0;
    }
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public boolean isLoopback() {
    if (isV4()) {
      return (bytes[12] & 0xff) == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 1;
  }

  public boolean isLinkLocalUnicast() {
    if (isV4()) {
      return (bytes[12] & 0xff) == 169 && (bytes[13] & 0xff) == 254;
    }
    return (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
  }

  public boolean isLinkLocalMulticast() {
    if (isV4()) {
      return (bytes[12] & 0xff) == 224 && bytes[13] == 0 && bytes[14] == 0;
    }
    return (bytes[0] & 0xff) == 0xff && (bytes[1] & 0x0f) == 0x02;
  }

  private static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = Arrays.copyOf(V4_PREFIX, 16);
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[12 + i] = (byte) v;
    }
    return out;
  }

  private static byte[] parseV6(String s) {
    if (s.indexOf('%') >= 0) {
      return null; // zones are not IP literals in the API
    }
    byte[] out = new byte[16];
    int ellipsis = -1;
    int i = 0;
    int pos = 0;
    if (s.startsWith("::")) {
      ellipsis = 0;
      pos = 2;
      if (pos == s.length()) {
        return out;
      }
    }
    while (i < 16) {
      int end = pos;
      int value = 0;
      while (end < s.length() && end - pos < 5 && Character.digit(s.charAt(end), 16) >= 0) {
        value = value * 16 + Character.digit(s.charAt(end), 16);
        end++;
      }
      if (end == pos || end - pos > 4) {
        return null;
      }
      if (end < s.length() && s.charAt(end) == '.') {
        // an embedded IPv4 address ends the string
        if (ellipsis < 0 && i != 12 || i + 4 > 16) {
          return null;
        }
        byte[] v4 = parseV4(s.substring(pos));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 12, out, i, 4);
        i += 4;
        pos = s.length();
        break;
      }
      out[i] = (byte) (value >> 8);
      out[i + 1] = (byte) value;
      i += 2;
      pos = end;
      if (pos == s.length()) {
        break;
      }
      if (s.charAt(pos) != ':' || pos + 1 == s.length()) {
        return null;
      }
      pos++;
      if (s.charAt(pos) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = i;
        pos++;
        if (pos == s.length()) {
          break;
        }
      }
    }
    if (pos != s.length()) {
      return null;
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        out[j + n] = out[j];
      }
      for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
        out[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return null; // "::" must stand for at least one group
    }
    return out;
  }
}
