package io.kubee.scheduler;

import io.kubee.runtime.LeaderElection;
import io.kubee.scheduler.plugins.NodeResourcesFit;
import io.kubee.scheduler.plugins.Plugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The scheduler's configuration (kube-scheduler's {@code KubeSchedulerConfiguration}), read from
 * MicroProfile Config keys {@code kubee.scheduler.*} (see {@link #from}); the defaults are
 * Kubernetes'.
 *
 * @param profiles                 one per schedulerName
 * @param percentageOfNodesToScore 0 for 50 - nodes/125 (at least 5 %, at least 100 nodes)
 * @param parallelism              threads filtering and scoring nodes (16; no more than the
 *                                 machine's processors are used)
 * @param maxConcurrentBindings    bindings in flight at once; the loop waits for a free one
 * @param leaderElect              run only while holding the Lease {@code leaseName}
 */
public record SchedulerOptions(List<Profile> profiles, int percentageOfNodesToScore,
    int parallelism, Duration podInitialBackoff, Duration podMaxBackoff,
    Duration podMaxInUnschedulable, int maxConcurrentBindings, boolean leaderElect,
    String leaseName, LeaderElection.Timing leaderElectionTiming) {

  public static final String PREFIX = "kubee.scheduler.";
  public static final String DEFAULT_SCHEDULER = "default-scheduler";

  /**
   * One profile: the plugins of {@link Plugins#DEFAULT} less the disabled ones, with score
   * weights and plugin arguments.
   */
  public record Profile(String schedulerName, Set<String> disabledPlugins,
      Map<String, Integer> weights, Map<String, Map<String, String>> pluginArgs,
      int percentageOfNodesToScore) {

    public static Profile defaults(String schedulerName) {
      return new Profile(schedulerName, Set.of(), Plugins.DEFAULT_WEIGHTS, Map.of(), 0);
    }

    public List<String> enabledPlugins() {
      return Plugins.DEFAULT.stream().filter(p -> !disabledPlugins.contains(p)).toList();
    }
  }

  public SchedulerOptions {
    if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
      throw new IllegalArgumentException(PREFIX + "percentage-of-nodes-to-score must be in "
          + "[0, 100], got " + percentageOfNodesToScore);
    }
    if (parallelism < 1 || maxConcurrentBindings < 1) {
      throw new IllegalArgumentException(PREFIX + "parallelism and max-concurrent-bindings "
          + "must be positive");
    }
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + "profiles: at least one profile is needed");
    }
    profiles = List.copyOf(profiles);
  }

  /** Kubernetes' defaults with one profile, "default-scheduler". */
  public static SchedulerOptions defaults() {
    return from(key -> Optional.empty());
  }

  /**
   * Reads {@code kubee.scheduler.}{@code profiles} (default-scheduler),
   * {@code percentage-of-nodes-to-score} (0), {@code parallelism} (16),
   * {@code pod-initial-backoff-seconds} (1), {@code pod-max-backoff-seconds} (10),
   * {@code pod-max-in-unschedulable-pods-seconds} (300), {@code max-concurrent-bindings} (64),
   * {@code leader-elect} (true), {@code lease-name} (kube-scheduler), and per profile
   * {@code profile.<name>.disabled-plugins}, {@code profile.<name>.score-weights}
   * (Plugin=weight,...), {@code profile.<name>.scoring-strategy} (LeastAllocated|MostAllocated),
   * {@code profile.<name>.percentage-of-nodes-to-score}.
   *
   * @param config MicroProfile Config's {@code getOptionalValue(key, String.class)}
   */
  public static SchedulerOptions from(Function<String, Optional<String>> config) {
    Function<String, Optional<String>> c = key -> config.apply(PREFIX + key)
        .map(String::trim).filter(v -> !v.isEmpty());
    List<Profile> profiles = new ArrayList<>();
    for (String name : list(c.apply("profiles").orElse(DEFAULT_SCHEDULER))) {
      String p = "profile." + name + ".";
      Set<String> disabled = new LinkedHashSet<>(list(c.apply(p + "disabled-plugins").orElse("")));
      for (String plugin : disabled) {
        if (!Plugins.DEFAULT.contains(plugin)) {
          throw new IllegalArgumentException(PREFIX + p + "disabled-plugins: unknown plugin "
              + plugin);
        }
      }
      Map<String, Integer> weights = new HashMap<>(Plugins.DEFAULT_WEIGHTS);
      for (String pair : list(c.apply(p + "score-weights").orElse(""))) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2 || !Plugins.DEFAULT_WEIGHTS.containsKey(kv[0].trim())) {
          throw new IllegalArgumentException(PREFIX + p + "score-weights: expected "
              + "ScorePlugin=weight, got " + pair);
        }
        weights.put(kv[0].trim(), integer(p + "score-weights", kv[1].trim()));
      }
      Map<String, Map<String, String>> args = new HashMap<>();
      c.apply(p + "scoring-strategy").ifPresent(s -> args.put(NodeResourcesFit.NAME,
          Map.of(NodeResourcesFit.SCORING_STRATEGY, s)));
      profiles.add(new Profile(name, Set.copyOf(disabled), Map.copyOf(weights), Map.copyOf(args),
          integer(c, p + "percentage-of-nodes-to-score", 0)));
    }
    return new SchedulerOptions(profiles,
        integer(c, "percentage-of-nodes-to-score", 0),
        integer(c, "parallelism", 16),
        Duration.ofSeconds(integer(c, "pod-initial-backoff-seconds", 1)),
        Duration.ofSeconds(integer(c, "pod-max-backoff-seconds", 10)),
        Duration.ofSeconds(integer(c, "pod-max-in-unschedulable-pods-seconds", 300)),
        integer(c, "max-concurrent-bindings", 64),
        Boolean.parseBoolean(c.apply("leader-elect").orElse("true")),
        c.apply("lease-name").orElse("kube-scheduler"),
        LeaderElection.Timing.KUBERNETES_DEFAULTS);
  }

  /** The same options with another leader election setting (tests, the benchmark). */
  public SchedulerOptions withLeaderElection(boolean elect, String lease,
      LeaderElection.Timing timing) {
    return new SchedulerOptions(profiles, percentageOfNodesToScore, parallelism,
        podInitialBackoff, podMaxBackoff, podMaxInUnschedulable, maxConcurrentBindings, elect,
        lease, timing);
  }

  /** The same options with these profiles. */
  public SchedulerOptions withProfiles(List<Profile> replacement) {
    return new SchedulerOptions(replacement, percentageOfNodesToScore, parallelism,
        podInitialBackoff, podMaxBackoff, podMaxInUnschedulable, maxConcurrentBindings,
        leaderElect, leaseName, leaderElectionTiming);
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  private static int integer(Function<String, Optional<String>> c, String key, int fallback) {
    return c.apply(key).map(v -> integer(key, v)).orElse(fallback);
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + ": not an integer: " + value, e);
    }
  }
}
