package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.kubee.node.cri.v1.DNSConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod's resolver configuration from its dnsPolicy (k8s.io/kubernetes
 * {@code pkg/kubelet/network/dns/dns.go}): ClusterFirst uses the cluster's nameservers and
 * search path {@code <ns>.svc.<domain> svc.<domain> <domain>} with {@code ndots:5} when the
 * kubelet has --cluster-dns, and the node's resolv.conf otherwise (as kubelet does, with a
 * warning); Default is the node's; None only the pod's dnsConfig, which the other policies
 * merge in too.
 */
public final class DnsConfigurer {
  private final List<String> clusterDns;
  private final String clusterDomain;
  private final Path resolvConf;

  public DnsConfigurer(List<String> clusterDns, String clusterDomain, Path resolvConf) {
    this.clusterDns = clusterDns;
    this.clusterDomain = clusterDomain;
    this.resolvConf = resolvConf;
  }

  public DNSConfig forPod(Pod pod) {
    String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst"
        : pod.getSpec().getDnsPolicy();
    boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    List<String> servers = new ArrayList<>();
    Set<String> searches = new LinkedHashSet<>();
    Set<String> options = new LinkedHashSet<>();
    boolean cluster = (policy.equals("ClusterFirst") && !hostNetwork)
        || policy.equals("ClusterFirstWithHostNet");
    if (policy.equals("None")) {
      // only what the pod says
    } else if (cluster && !clusterDns.isEmpty()) {
      servers.addAll(clusterDns);
      String ns = pod.getMetadata().getNamespace();
      searches.add(ns + ".svc." + clusterDomain);
      searches.add("svc." + clusterDomain);
      searches.add(clusterDomain);
      searches.addAll(hostResolver().searches());
      options.add("ndots:5");
    } else {
      HostResolver host = hostResolver();
      servers.addAll(host.servers());
      searches.addAll(host.searches());
      options.addAll(host.options());
    }
    PodDNSConfig own = pod.getSpec().getDnsConfig();
    if (own != null) {
      if (own.getNameservers() != null) {
        for (String s : own.getNameservers()) {
          if (!servers.contains(s)) {
            servers.add(s);
          }
        }
      }
      if (own.getSearches() != null) {
        searches.addAll(own.getSearches());
      }
      if (own.getOptions() != null) {
        for (PodDNSConfigOption option : own.getOptions()) {
          String name = option.getName();
          options.removeIf(o -> o.equals(name) || o.startsWith(name + ":"));
          options.add(option.getValue() == null ? name : name + ":" + option.getValue());
        }
      }
    }
    return DNSConfig.newBuilder().addAllServers(servers.stream().limit(3).toList())
        .addAllSearches(searches.stream().limit(32).toList()).addAllOptions(options).build();
  }

  record HostResolver(List<String> servers, List<String> searches, List<String> options) {}

  HostResolver hostResolver() {
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    List<String> options = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(resolvConf);
    } catch (IOException e) {
      return new HostResolver(servers, searches, options);
    }
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      switch (fields[0]) {
        case "nameserver" -> {
          if (fields.length > 1) {
            servers.add(fields[1]);
          }
        }
        case "search", "domain" -> {
          searches.clear();
          for (int i = 1; i < fields.length; i++) {
            searches.add(fields[i]);
          }
        }
        case "options" -> {
          for (int i = 1; i < fields.length; i++) {
            options.add(fields[i]);
          }
        }
        default -> { }
      }
    }
    return new HostResolver(servers, searches, options);
  }
}
