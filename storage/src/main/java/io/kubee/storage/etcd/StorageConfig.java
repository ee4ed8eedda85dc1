package io.kubee.storage.etcd;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of an {@link EtcdStorage}.
 *
 * @param endpoints            etcd client URLs ("http://127.0.0.1:2379"), at least one
 * @param requestTimeout       the longest any etcd call may take before it fails with
 *                             UNAVAILABLE (default 5 s)
 * @param watchCacheSize       events kept per resource type for watches to resume from
 *                             (default 4096)
 * @param bookmarkInterval     how often a watcher that asked for bookmarks gets one (default
 *                             60 s)
 * @param watcherQueueCapacity events one watcher may have waiting before it is ended as too
 *                             slow (default 1000)
 * @param compactionInterval   how often to compact etcd (default 5 min); zero turns compaction
 *                             off (another apiserver or etcd's own auto-compaction does it)
 */
public record StorageConfig(
    List<String> endpoints, Duration requestTimeout, int watchCacheSize,
    Duration bookmarkInterval, int watcherQueueCapacity, Duration compactionInterval) {

  public static final String ENDPOINTS = "kubee.etcd.endpoints";
  public static final String REQUEST_TIMEOUT = "kubee.etcd.request-timeout";
  public static final String WATCH_CACHE_SIZE = "kubee.watch-cache.size";
  public static final String BOOKMARK_INTERVAL = "kubee.watch.bookmark-interval";
  public static final String QUEUE_CAPACITY = "kubee.watch.queue-capacity";
  public static final String COMPACTION_INTERVAL = "kubee.etcd.compaction-interval";

  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:2379";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_WATCH_CACHE_SIZE = 4096;
  public static final Duration DEFAULT_BOOKMARK_INTERVAL = Duration.ofSeconds(60);
  public static final int DEFAULT_QUEUE_CAPACITY = 1000;
  public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(5);

  public StorageConfig {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is needed");
    }
    requirePositive(requestTimeout, "request timeout");
    requirePositive(bookmarkInterval, "bookmark interval");
    if (compactionInterval.isNegative()) {
      throw new IllegalArgumentException("compaction interval must not be negative");
    }
    if (watchCacheSize < 1 || watcherQueueCapacity < 1) {
      throw new IllegalArgumentException("watch cache size and queue capacity must be positive");
    }
  }

  /** The defaults, for the given endpoints. */
  public static StorageConfig of(String... endpoints) {
    return new StorageConfig(Arrays.asList(endpoints), DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_WATCH_CACHE_SIZE, DEFAULT_BOOKMARK_INTERVAL, DEFAULT_QUEUE_CAPACITY,
        DEFAULT_COMPACTION_INTERVAL);
  }

  /**
   * Reads the {@code kubee.*} keys through {@code lookup} (MicroProfile Config's
   * {@code getOptionalValue(key, String.class)}); missing keys take the defaults.
   *
   * @throws IllegalArgumentException naming the key whose value is malformed
   */
  public static StorageConfig from(Function<String, Optional<String>> lookup) {
    List<String> endpoints = Arrays.stream(
            lookup.apply(ENDPOINTS).orElse(DEFAULT_ENDPOINT).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
    return new StorageConfig(endpoints,
        duration(lookup, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT),
        integer(lookup, WATCH_CACHE_SIZE, DEFAULT_WATCH_CACHE_SIZE),
        duration(lookup, BOOKMARK_INTERVAL, DEFAULT_BOOKMARK_INTERVAL),
        integer(lookup, QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY),
        duration(lookup, COMPACTION_INTERVAL, DEFAULT_COMPACTION_INTERVAL));
  }

  public StorageConfig withRequestTimeout(Duration value) {
    return new StorageConfig(endpoints, value, watchCacheSize, bookmarkInterval,
        watcherQueueCapacity, compactionInterval);
  }

  public StorageConfig withWatchCacheSize(int value) {
    return new StorageConfig(endpoints, requestTimeout, value, bookmarkInterval,
        watcherQueueCapacity, compactionInterval);
  }

  public StorageConfig withBookmarkInterval(Duration value) {
    return new StorageConfig(endpoints, requestTimeout, watchCacheSize, value,
        watcherQueueCapacity, compactionInterval);
  }

  public StorageConfig withWatcherQueueCapacity(int value) {
    return new StorageConfig(endpoints, requestTimeout, watchCacheSize, bookmarkInterval, value,
        compactionInterval);
  }

  public StorageConfig withCompactionInterval(Duration value) {
    return new StorageConfig(endpoints, requestTimeout, watchCacheSize, bookmarkInterval,
        watcherQueueCapacity, value);
  }

  /**
   * Parses a duration: ISO-8601 ("PT5S", "PT0.5S"), a number of seconds ("5", "0.5"), or a
   * number with a unit as Kubernetes flags write them ("500ms", "5s", "5m", "1h").
   *
   * @throws IllegalArgumentException when it is none of these or negative
   */
  public static Duration parseDuration(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Duration result;
    try {
      if (value.startsWith("p") || value.startsWith("-p")) {
        result = Duration.parse(value.toUpperCase(Locale.ROOT));
      } else if (value.endsWith("ms")) {
        result = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
      } else if (value.endsWith("s")) {
        result = seconds(value.substring(0, value.length() - 1));
      } else if (value.endsWith("m")) {
        result = seconds(value.substring(0, value.length() - 1)).multipliedBy(60);
      } else if (value.endsWith("h")) {
        result = seconds(value.substring(0, value.length() - 1)).multipliedBy(3600);
      } else {
        result = seconds(value);
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\"");
    }
    if (result.isNegative()) {
      throw new IllegalArgumentException("negative duration: \"" + text + "\"");
    }
    return result;
  }

  private static Duration seconds(String number) {
    return Duration.ofNanos(new java.math.BigDecimal(number.trim())
        .movePointRight(9).longValueExact());
  }

  private static Duration duration(Function<String, Optional<String>> lookup, String key,
      Duration fallback) {
    Optional<String> value = lookup.apply(key).filter(s -> !s.isBlank());
    try {
      return value.map(StorageConfig::parseDuration).orElse(fallback);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static int integer(Function<String, Optional<String>> lookup, String key,
      int fallback) {
    Optional<String> value = lookup.apply(key).filter(s -> !s.isBlank());
    try {
      return value.map(s -> Integer.parseInt(s.trim())).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not an integer: \"" + value.get() + "\"", e);
    }
  }

  private static void requirePositive(Duration value, String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }
}
