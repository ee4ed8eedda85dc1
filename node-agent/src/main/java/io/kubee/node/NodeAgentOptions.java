package io.kubee.node;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubee.node.nodestatus.EvictionThresholds;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** kubelet's flags, with kubelet's defaults unless said otherwise. */
public final class NodeAgentOptions {
  @Option(names = "--kubeconfig", required = true,
      description = "kubeconfig with the apiserver's address and the node's credentials")
  Path kubeconfig;

  @Option(names = "--container-runtime-endpoint",
      defaultValue = "unix:///run/containerd/containerd.sock",
      description = "the CRI runtime's socket (default: ${DEFAULT-VALUE})")
  String runtimeEndpoint;

  @Option(names = "--image-service-endpoint", defaultValue = "",
      description = "the CRI image service's socket (default: the runtime's)")
  String imageEndpoint;

  @Option(names = "--hostname-override", description = "the Node's name (default: host name)")
  String hostnameOverride;

  @Option(names = "--node-ip", split = ",",
      description = "the node's IP(s) (default: the address of the default route's interface)")
  List<String> nodeIps;

  @Option(names = "--root-dir", defaultValue = "/var/lib/kubelet",
      description = "pod directories and volumes (default: ${DEFAULT-VALUE})")
  Path rootDir;

  @Option(names = "--pod-log-dir", defaultValue = "/var/log/pods",
      description = "container logs (default: ${DEFAULT-VALUE})")
  Path podLogDir;

  @Option(names = "--cert-dir", description = "the kubelet API's self-signed certificate "
      + "(default: <root-dir>/pki)")
  Path certDir;

  @Option(names = "--tls-cert-file", description = "PEM certificate of the kubelet API")
  Path tlsCertFile;

  @Option(names = "--tls-private-key-file", description = "PEM (PKCS#8) key of the kubelet API")
  Path tlsKeyFile;

  @Option(names = "--address", defaultValue = "0.0.0.0",
      description = "where the kubelet API listens (default: ${DEFAULT-VALUE})")
  String address;

  @Option(names = "--port", defaultValue = "10250",
      description = "the kubelet API's HTTPS port; 0 serves none (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--healthz-port", defaultValue = "10248",
      description = "plain-HTTP /healthz on 127.0.0.1; 0 disables (default: ${DEFAULT-VALUE})")
  int healthzPort;

  @Option(names = "--max-pods", defaultValue = "110", description = "(default: ${DEFAULT-VALUE})")
  int maxPods;

  @Option(names = "--node-labels", split = ",", description = "k=v,... added to the Node")
  List<String> nodeLabels = new ArrayList<>();

  @Option(names = "--register-with-taints", split = ",",
      description = "key=value:Effect,... the Node is registered with")
  List<String> taints = new ArrayList<>();

  @Option(names = "--cgroup-root", defaultValue = "/kubepods",
      description = "parent cgroup of the pods (default: ${DEFAULT-VALUE})")
  String cgroupRoot;

  @Option(names = "--cluster-dns", split = ",",
      description = "nameservers of ClusterFirst pods (default: the node's resolv.conf)")
  List<String> clusterDns = new ArrayList<>();

  @Option(names = "--cluster-domain", defaultValue = "cluster.local",
      description = "(default: ${DEFAULT-VALUE})")
  String clusterDomain;

  @Option(names = "--resolv-conf", defaultValue = "/etc/resolv.conf",
      description = "(default: ${DEFAULT-VALUE})")
  Path resolvConf;

  @Option(names = "--sync-frequency", defaultValue = "1m",
      description = "every pod is synced at least this often (default: ${DEFAULT-VALUE})")
  String syncFrequency;

  @Option(names = "--pleg-relist-period", defaultValue = "1s",
      description = "how often the runtime is relisted (default: ${DEFAULT-VALUE})")
  String plegRelistPeriod;

  @Option(names = "--node-status-update-frequency", defaultValue = "10s",
      description = "how often node status is computed, and sent if changed "
          + "(default: ${DEFAULT-VALUE})")
  String nodeStatusUpdateFrequency;

  @Option(names = "--node-status-report-frequency", defaultValue = "5m",
      description = "node status is sent at least this often (default: ${DEFAULT-VALUE})")
  String nodeStatusReportFrequency;

  @Option(names = "--node-lease-duration-seconds", defaultValue = "40",
      description = "the Lease's duration; renewed every quarter (default: ${DEFAULT-VALUE})")
  int nodeLeaseDurationSeconds;

  @Option(names = "--runtime-request-timeout", defaultValue = "2m",
      description = "(default: ${DEFAULT-VALUE})")
  String runtimeRequestTimeout;

  @Option(names = "--kube-reserved", split = ",", description = "cpu=100m,memory=100Mi,...")
  List<String> kubeReserved = new ArrayList<>();

  @Option(names = "--system-reserved", split = ",", description = "cpu=100m,memory=100Mi,...")
  List<String> systemReserved = new ArrayList<>();

  @Option(names = "--eviction-hard", defaultValue = EvictionThresholds.DEFAULTS,
      description = "thresholds of the pressure conditions (default: ${DEFAULT-VALUE})")
  String evictionHard;

  @Option(names = "--crash-loop-backoff-initial", defaultValue = "10s", hidden = true)
  String crashLoopInitial;

  @Option(names = "--crash-loop-backoff-max", defaultValue = "5m",
      description = "the longest CrashLoopBackOff (default: ${DEFAULT-VALUE})")
  String crashLoopMax;

  @Option(names = "--object-cache-ttl", defaultValue = "5s",
      description = "how long a ConfigMap or Secret read is reused (default: ${DEFAULT-VALUE})")
  String objectCacheTtl;

  @Option(names = "--serialize-image-pulls", defaultValue = "true", arity = "1",
      description = "(default: ${DEFAULT-VALUE})")
  boolean serializeImagePulls;

  KubeletConfig toConfig() throws IOException {
    String hostname = hostname();
    String node = hostnameOverride == null || hostnameOverride.isBlank() ? hostname
        : hostnameOverride.trim().toLowerCase(Locale.ROOT);
    List<String> ips = nodeIps == null || nodeIps.isEmpty() ? List.of(detectNodeIp()) : nodeIps;
    return new KubeletConfig(node, ips, hostname, rootDir.toAbsolutePath(),
        podLogDir.toAbsolutePath(), address, port, healthzPort, maxPods, keyValues(nodeLabels),
        parseTaints(taints), cgroupRoot, clusterDns, clusterDomain, resolvConf,
        duration(syncFrequency), duration(plegRelistPeriod), duration(nodeStatusUpdateFrequency),
        duration(nodeStatusReportFrequency), Duration.ofSeconds(nodeLeaseDurationSeconds),
        duration(runtimeRequestTimeout), quantities(kubeReserved), quantities(systemReserved),
        EvictionThresholds.parse(evictionHard), duration(crashLoopInitial),
        duration(crashLoopMax), duration(objectCacheTtl), serializeImagePulls,
        tlsCertFile, tlsKeyFile,
        certDir != null ? certDir : rootDir.toAbsolutePath().resolve("pki"));
  }

  /** Go-style durations: 10s, 1m, 1m30s, 500ms, 2h. */
  static Duration duration(String text) {
    String s = text.trim();
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("invalid duration: " + text);
      }
      double value = Double.parseDouble(s.substring(start, i));
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      long millis = switch (unit) {
        case "ms" -> Math.round(value);
        case "s" -> Math.round(value * 1000);
        case "m" -> Math.round(value * 60_000);
        case "h" -> Math.round(value * 3_600_000);
        default -> throw new IllegalArgumentException("invalid duration unit in " + text);
      };
      total = total.plusMillis(millis);
    }
    return total;
  }

  static Map<String, String> keyValues(List<String> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      map.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
    }
    return map;
  }

  static Map<String, Quantity> quantities(List<String> pairs) {
    Map<String, Quantity> map = new LinkedHashMap<>();
    keyValues(pairs).forEach((k, v) -> map.put(k, new Quantity(v)));
    return map;
  }

  /** key=value:Effect or key:Effect. */
  static List<Taint> parseTaints(List<String> specs) {
    List<Taint> taints = new ArrayList<>();
    for (String spec : specs) {
      if (spec.isBlank()) {
        continue;
      }
      int colon = spec.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("invalid taint " + spec + ": want key=value:Effect");
      }
      String effect = spec.substring(colon + 1);
      String[] kv = spec.substring(0, colon).split("=", 2);
      Taint taint = new Taint();
      taint.setKey(kv[0]);
      taint.setValue(kv.length > 1 ? kv[1] : null);
      taint.setEffect(effect);
      taints.add(taint);
    }
    return taints;
  }

  static String hostname() {
    try {
      String name = String.join("", Files.readAllLines(Path.of("/proc/sys/kernel/hostname")))
          .trim();
      if (!name.isEmpty()) {
        return name.toLowerCase(Locale.ROOT);
      }
    } catch (IOException e) {
      // fall through
    }
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The IPv4 address of the interface the default route leaves through, else 127.0.0.1. */
  static String detectNodeIp() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 2 && f[1].equals("00000000")) {
          NetworkInterface nic = NetworkInterface.getByName(f[0]);
          if (nic != null) {
            for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
              if (a instanceof Inet4Address) {
                return a.getHostAddress();
              }
            }
          }
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "127.0.0.1";
  }
}
