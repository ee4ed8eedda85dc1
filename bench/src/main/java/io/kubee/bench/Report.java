package io.kubee.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Markdown tables (printed and written) and a JSON file of one run. */
final class Report {
  /** Our targets (issue 2, item 9). */
  static final int TARGET_CLIENTS = 16;
  static final double TARGET_SINGLE_OBJECT_P99_MS = 25;
  static final double TARGET_DELIVERY_P99_MS = 200;
  /** Kubernetes' SLO for single-object calls. */
  static final double K8S_SLO_P99_MS = 1000;

  private static final Map<String, String> TITLES = new LinkedHashMap<>();

  static {
    TITLES.put("version", "HTTP floor — GET /version (WildFly + JAX-RS, no etcd)");
    TITLES.put("create", "create — POST a ConfigMap / etcd txn(version==0) put");
    TITLES.put("get", "get — GET one ConfigMap at random / etcd get");
    TITLES.put("list", "list — GET a namespace's ConfigMaps / etcd range of its prefix");
  }

  private final KubeeBench.Environment env;
  private final KubeeBench options;
  private final List<ClosedLoop.Result> loads;
  private final WatchFanout.Result watch;
  private final Map<String, String> sizes;

  Report(KubeeBench.Environment env, KubeeBench options, List<ClosedLoop.Result> loads,
      WatchFanout.Result watch, Map<String, String> sizes) {
    this.env = env;
    this.options = options;
    this.loads = loads;
    this.watch = watch;
    this.sizes = sizes;
  }

  private ClosedLoop.Result find(String scenario, String target, int clients) {
    for (ClosedLoop.Result r : loads) {
      if (r.scenario().equals(scenario) && r.target().equals(target) && r.clients() == clients) {
        return r;
      }
    }
    return null;
  }

  /** Share of the machine's CPU other processes used over every measured phase. */
  double otherShare() {
    double other = 0;
    double capacity = 0;
    List<CpuMeter.Usage> usages = new ArrayList<>();
    loads.forEach(r -> usages.add(r.cpu()));
    if (watch != null) {
      usages.add(watch.cpu());
    }
    for (CpuMeter.Usage u : usages) {
      if (u.other() < 0) {
        return -1;
      }
      other += u.other();
      capacity += u.wallSeconds() * u.cores();
    }
    return capacity == 0 ? -1 : other / capacity;
  }

  private static String percent(double share) {
    return share < 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–"
        : String.format(Locale.ROOT, "%.1f×", a / b);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Kubee benchmark ").append(env.started).append(
        env.label.isEmpty() ? "" : " — " + env.label).append("\n\n");
    md.append("- command: `").append(env.commandLine).append("`\n");
    md.append("- machine: ").append(env.cores).append(" cores (").append(env.cpu).append("), ")
        .append(env.memory).append(" RAM, ").append(env.os).append('\n');
    md.append("- bench JVM: ").append(env.java).append('\n');
    md.append("- apiserver: ").append(options.api).append(" `").append(env.serverVersion)
        .append("`; etcd ").append(env.etcdVersion).append(" at ").append(options.etcd)
        .append('\n');
    md.append("- load average before / after: ").append(env.loadBefore).append(" / ")
        .append(env.loadAfter).append("; duration ")
        .append(java.time.Duration.between(env.started, env.finished).toSeconds())
        .append(" s\n");
    md.append("- other processes (not the benchmark, WildFly or etcd) used ")
        .append(percent(otherShare())).append(" of the machine's CPU during the measured "
            + "phases: the lower, the cleaner the run\n");
    md.append("- closed loop, ").append(options.warmup).append(" warm-up + ")
        .append(options.requests).append(" measured requests per row; latency = request sent "
            + "→ whole response read, in ms\n");
    md.append("- CPU ms/req: CPU time per request of this benchmark's JVM, the apiserver's "
        + "WildFly JVM, etcd, interrupt handling (softirq: mostly loopback TCP receive) and every "
        + "other process on the machine, over the measured phase; machine busy: share of all "
        + "cores in use then\n");
    sizes.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append('\n');

    for (Map.Entry<String, String> t : TITLES.entrySet()) {
      String scenario = t.getKey();
      if (loads.stream().noneMatch(r -> r.scenario().equals(scenario))) {
        continue;
      }
      md.append("## ").append(t.getValue()).append("\n\n");
      md.append("| target | clients | requests | errors | req/s | p50 | p90 | p99 | p99.9 | max "
          + "| p50 vs etcd | p99 vs etcd "
          + "| CPU ms/req: bench · wildfly · etcd · softirq · other | machine busy |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (ClosedLoop.Result r : loads) {
        if (!r.scenario().equals(scenario)) {
          continue;
        }
        Stats s = r.stats();
        ClosedLoop.Result base = r.target().equals("apiserver")
            ? find(scenario, "etcd", r.clients()) : null;
        Stats b = base == null ? null : base.stats();
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %s | %s | %s | %s | %s "
                + "| %s | %s | %s | %s |\n",
            r.target(), r.clients(), r.requests(), r.errors(), r.throughput(),
            Stats.fmt(s.p50()), Stats.fmt(s.p90()), Stats.fmt(s.p99()), Stats.fmt(s.p999()),
            Stats.fmt(s.max()),
            b == null ? "" : ratio(s.p50(), b.p50()), b == null ? "" : ratio(s.p99(), b.p99()),
            r.cpu().perOp(r.requests() + r.errors()), percent(r.cpu().busyShare())));
      }
      for (ClosedLoop.Result r : loads) {
        if (r.scenario().equals(scenario) && r.firstError() != null) {
          md.append("\nfirst error (").append(r.target()).append(", ").append(r.clients())
              .append(" clients): `").append(r.firstError().replace('`', '\'')).append("`\n");
        }
      }
      md.append('\n');
    }

    if (watch != null) {
      WatchFanout.Result w = watch;
      Stats d = Stats.of(w.delivery());
      Stats s = Stats.of(w.slowestPerEvent());
      Stats wr = Stats.of(w.writes());
      md.append("## watch fan-out — SSE, ").append(w.watchers()).append(" watchers, ")
          .append(w.events()).append(" events at ")
          .append(String.format(Locale.ROOT, "%.0f", w.rate())).append("/s\n\n");
      md.append("| what | value |\n|---|---|\n");
      md.append(String.format(Locale.ROOT, "| watches established | %d of %d in %.1f s (%d failed)"
          + " |%n", w.established(), w.watchers(), w.establishSeconds(), w.failed()));
      md.append(String.format(Locale.ROOT, "| writes (creates, then updates) | %d ok, %d failed, "
              + "over %.1f s; write latency p50 %s / p99 %s / max %s ms |%n", w.writesOk(),
          w.writeErrors(), w.writeSeconds(), Stats.fmt(wr.p50()), Stats.fmt(wr.p99()),
          Stats.fmt(wr.max())));
      md.append(String.format(Locale.ROOT, "| deliveries expected / received | %d / %d (%s) |%n",
          w.expected(), w.received(), w.received() == w.expected() ? "all"
              : (w.expected() - w.received()) + " missing"));
      md.append(String.format(Locale.ROOT, "| duplicates; watchers missing an event; streams "
          + "ended early | %d; %d; %d |%n", w.duplicates(), w.incompleteWatchers(),
          w.endedEarly()));
      md.append(String.format(Locale.ROOT, "| **delivery delay, every watcher × event** (ms) | "
              + "p50 **%s**, p90 %s, p99 **%s**, p99.9 %s, max %s |%n", Stats.fmt(d.p50()),
          Stats.fmt(d.p90()), Stats.fmt(d.p99()), Stats.fmt(d.p999()), Stats.fmt(d.max())));
      md.append(String.format(Locale.ROOT, "| per event, delay at its slowest watcher (ms) | "
              + "p50 %s, p99 %s, max %s |%n", Stats.fmt(s.p50()), Stats.fmt(s.p99()),
          Stats.fmt(s.max())));
      md.append(String.format(Locale.ROOT, "| CPU during the writes and deliveries: bench · "
              + "wildfly · etcd · softirq · other (ms per event); machine busy | %s; %s |%n",
          w.cpu().perOp(w.writesOk()), percent(w.cpu().busyShare())));
      md.append(String.format(Locale.ROOT, "| last event, at the last watcher to get it "
          + "| %s ms |%n",
          Stats.fmt(w.lastEventSlowestMs())));
      md.append(String.format(Locale.ROOT, "| last delivery of all, after the last write was sent "
          + "| %s ms |%n", Stats.fmt(w.lastDeliveryAfterLastWriteMs())));
      if (w.firstError() != null) {
        md.append("\nfirst error: `").append(w.firstError().replace('`', '\'')).append("`\n");
      }
      md.append('\n');
    }

    md.append("## targets\n\n| target | measured | met |\n|---|---|---|\n");
    for (String op : List.of("create", "get")) {
      ClosedLoop.Result r = find(op, "apiserver", TARGET_CLIENTS);
      if (r != null) {
        double p99 = r.stats().p99();
        md.append(String.format(Locale.ROOT, "| %s p99 ≤ %.0f ms at %d clients | %s ms | %s |%n",
            op, TARGET_SINGLE_OBJECT_P99_MS, TARGET_CLIENTS, Stats.fmt(p99),
            p99 <= TARGET_SINGLE_OBJECT_P99_MS && r.errors() == 0 ? "yes" : "**no**"));
      }
    }
    for (String op : List.of("create", "get")) {
      double worst = Double.NaN;
      for (ClosedLoop.Result r : loads) {
        if (r.scenario().equals(op) && r.target().equals("apiserver")) {
          worst = Double.isNaN(worst) ? r.stats().p99() : Math.max(worst, r.stats().p99());
        }
      }
      if (!Double.isNaN(worst)) {
        md.append(String.format(Locale.ROOT, "| Kubernetes SLO: %s p99 ≤ 1 s (every level) | "
            + "worst p99 %s ms | %s |%n", op, Stats.fmt(worst),
            worst <= K8S_SLO_P99_MS ? "yes" : "**no**"));
      }
    }
    if (watch != null) {
      double p99 = Stats.of(watch.delivery()).p99();
      boolean all = watch.received() == watch.expected() && watch.failed() == 0;
      md.append(String.format(Locale.ROOT, "| delivery p99 ≤ %.0f ms to %d watchers, all "
              + "delivered | %s ms, %s | %s |%n", TARGET_DELIVERY_P99_MS, watch.watchers(),
          Stats.fmt(p99), all ? "all delivered" : "NOT all delivered",
          p99 <= TARGET_DELIVERY_P99_MS && all ? "yes" : "**no**"));
    }
    return md.toString();
  }

  String json() {
    StringBuilder j = new StringBuilder("{\n");
    j.append("  \"started\": ").append(str(env.started.toString())).append(",\n");
    j.append("  \"finished\": ").append(str(env.finished.toString())).append(",\n");
    j.append("  \"label\": ").append(str(env.label)).append(",\n");
    j.append("  \"commandLine\": ").append(str(env.commandLine)).append(",\n");
    j.append("  \"machine\": {\"cores\": ").append(env.cores).append(", \"cpu\": ")
        .append(str(env.cpu)).append(", \"memory\": ").append(str(env.memory))
        .append(", \"os\": ").append(str(env.os)).append(", \"benchJava\": ")
        .append(str(env.java)).append(", \"loadBefore\": ").append(str(env.loadBefore))
        .append(", \"loadAfter\": ").append(str(env.loadAfter))
        .append(", \"otherProcessesCpuShare\": ").append(Stats.num(otherShare())).append("},\n");
    j.append("  \"apiserver\": {\"url\": ").append(str(options.api.toString()))
        .append(", \"version\": ").append(str(env.serverVersion)).append("},\n");
    j.append("  \"etcd\": {\"url\": ").append(str(options.etcd)).append(", \"version\": ")
        .append(str(env.etcdVersion)).append("},\n");
    j.append("  \"warmup\": ").append(options.warmup).append(", \"requests\": ")
        .append(options.requests).append(",\n");
    List<String> sizeEntries = new ArrayList<>();
    sizes.forEach((k, v) -> sizeEntries.add(str(k) + ": " + str(v)));
    j.append("  \"sizes\": {").append(String.join(", ", sizeEntries)).append("},\n");
    j.append("  \"loads\": [\n");
    for (int i = 0; i < loads.size(); i++) {
      ClosedLoop.Result r = loads.get(i);
      j.append(String.format(Locale.ROOT, "    {\"scenario\": %s, \"target\": %s, \"clients\": %d, "
              + "\"requests\": %d, \"errors\": %d, \"seconds\": %.3f, \"throughput\": %.1f, "
              + "\"latency\": %s, \"cpu\": %s%s}%s%n", str(r.scenario()), str(r.target()),
          r.clients(), r.requests(), r.errors(), r.seconds(), r.throughput(), r.stats().json(),
          r.cpu().json(r.requests() + r.errors()),
          r.firstError() == null ? "" : ", \"firstError\": " + str(r.firstError()),
          i + 1 < loads.size() ? "," : ""));
    }
    j.append("  ]");
    if (watch != null) {
      WatchFanout.Result w = watch;
      j.append(",\n  \"watch\": {");
      j.append(String.format(Locale.ROOT, "\"watchers\": %d, \"events\": %d, \"rate\": %.1f, "
              + "\"established\": %d, \"failed\": %d, \"endedEarly\": %d, "
              + "\"establishSeconds\": %.2f, \"writesOk\": %d, \"writeErrors\": %d, "
              + "\"writeSeconds\": %.2f, \"expected\": %d, \"received\": %d, \"duplicates\": %d, "
              + "\"incompleteWatchers\": %d, \"delivery\": %s, \"slowestWatcherPerEvent\": %s, "
              + "\"writeLatency\": %s, \"lastEventSlowestMs\": %s, "
              + "\"lastDeliveryAfterLastWriteMs\": %s, \"cpu\": %s, \"firstError\": %s}",
          w.watchers(), w.events(), w.rate(), w.established(), w.failed(), w.endedEarly(),
          w.establishSeconds(), w.writesOk(), w.writeErrors(), w.writeSeconds(), w.expected(),
          w.received(), w.duplicates(), w.incompleteWatchers(), Stats.of(w.delivery()).json(),
          Stats.of(w.slowestPerEvent()).json(), Stats.of(w.writes()).json(),
          Stats.num(w.lastEventSlowestMs()), Stats.num(w.lastDeliveryAfterLastWriteMs()),
          w.cpu().json(w.writesOk()),
          w.firstError() == null ? "null" : str(w.firstError())));
    }
    j.append("\n}\n");
    return j.toString();
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
