package io.kubee.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StorageConfigTest {

  record Case(String name, String text, Duration want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> durations() {
    return Stream.of(
        new Case("ISO-8601 seconds", "PT5S", Duration.ofSeconds(5)),
        new Case("ISO-8601 lower case", "pt1m", Duration.ofMinutes(1)),
        new Case("ISO-8601 fraction", "PT0.25S", Duration.ofMillis(250)),
        new Case("plain seconds", "7", Duration.ofSeconds(7)),
        new Case("fractional seconds", "0.5", Duration.ofMillis(500)),
        new Case("milliseconds", "150ms", Duration.ofMillis(150)),
        new Case("seconds with unit", "30s", Duration.ofSeconds(30)),
        new Case("minutes with unit", "5m", Duration.ofMinutes(5)),
        new Case("hours with unit", "1h", Duration.ofHours(1)),
        new Case("zero turns a feature off", "0", Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void parsesDurations(Case c) {
    assertThat(StorageConfig.parseDuration(c.text())).isEqualTo(c.want());
  }

  @Test
  void rejectsMalformedAndNegativeDurations() {
    assertThatThrownBy(() -> StorageConfig.parseDuration("soon"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soon");
    assertThatThrownBy(() -> StorageConfig.parseDuration("-PT5S"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  void defaultsWhenNothingIsConfigured() {
    StorageConfig config = StorageConfig.from(key -> Optional.empty());

    assertThat(config).isEqualTo(new StorageConfig(List.of("http://127.0.0.1:2379"),
        Duration.ofSeconds(5), 4096, Duration.ofSeconds(60), 1000, Duration.ofMinutes(5)));
  }

  @Test
  void readsEveryKey() {
    Map<String, String> values = Map.of(
        "kubee.etcd.endpoints", "http://10.0.0.1:2379, http://10.0.0.2:2379",
        "kubee.etcd.request-timeout", "PT2S",
        "kubee.watch-cache.size", "100",
        "kubee.watch.bookmark-interval", "10s",
        "kubee.watch.queue-capacity", "50",
        "kubee.etcd.compaction-interval", "0");

    StorageConfig config = StorageConfig.from(key -> Optional.ofNullable(values.get(key)));

    assertThat(config).isEqualTo(new StorageConfig(
        List.of("http://10.0.0.1:2379", "http://10.0.0.2:2379"), Duration.ofSeconds(2), 100,
        Duration.ofSeconds(10), 50, Duration.ZERO));
  }

  @Test
  void namesTheKeyOfAMalformedValue() {
    assertThatThrownBy(() -> StorageConfig.from(
        key -> key.equals("kubee.watch-cache.size") ? Optional.of("many") : Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kubee.watch-cache.size");
  }
}
