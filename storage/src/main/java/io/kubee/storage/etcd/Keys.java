package io.kubee.storage.etcd;

/** Key arithmetic for prefixes. */
final class Keys {
  private Keys() {}

  /**
   * The smallest key greater than every key starting with {@code prefix}: the end of a prefix
   * range. Storage prefixes end with "/", so incrementing the last character suffices.
   *
   * @throws IllegalArgumentException for an empty prefix or one ending in a non-ASCII character
   */
  static String prefixEnd(String prefix) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("empty key prefix");
    }
    char last = prefix.charAt(prefix.length() - 1);
    if (last >= 0x7f) {
      throw new IllegalArgumentException("key prefix must end with an ASCII character: " + prefix);
    }
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  /**
   * The end of the watch range of {@code keyOrPrefix}: a prefix ending with "/" covers every key
   * under it, any other key only itself.
   */
  static String rangeEnd(String keyOrPrefix) {
    return keyOrPrefix.endsWith("/") ? prefixEnd(keyOrPrefix) : keyOrPrefix + '\0';
  }

  /** @throws IllegalArgumentException unless {@code prefix} ends with "/" */
  static void requireDirectory(String prefix) {
    if (prefix == null || !prefix.endsWith("/")) {
      throw new IllegalArgumentException("key prefix must end with \"/\": " + prefix);
    }
  }

  /** @throws IllegalArgumentException for an empty key */
  static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
  }
}
