package io.kubee.controllers.endpoint;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code RepackSubsets} (pkg/api/v1/endpoints/util.go): one subset per (address, port) pair in,
 * the fewest subsets out — addresses that offer the same ports share one — sorted, so that equal
 * endpoints compare equal.
 */
final class EndpointSubsets {
  private EndpointSubsets() {}

  /** One address with one port (null for a headless service without ports), ready or not. */
  record Entry(EndpointAddress address, EndpointPort port, boolean ready) {}

  static List<EndpointSubset> repack(List<Entry> entries) {
    // address key → the address, and whether it is ready, for each port key
    Map<String, EndpointAddress> addresses = new TreeMap<>();
    Map<String, Map<String, Boolean>> portToAddresses = new TreeMap<>();
    Map<String, EndpointPort> ports = new TreeMap<>();
    for (Entry entry : entries) {
      String addressKey = addressKey(entry.address());
      addresses.put(addressKey, entry.address());
      String portKey = entry.port() == null ? "" : portKey(entry.port());
      if (entry.port() != null) {
        ports.put(portKey, entry.port());
      }
      portToAddresses.computeIfAbsent(portKey, k -> new TreeMap<>())
          .merge(addressKey, entry.ready(), (a, b) -> a || b);
    }
    // the same set of addresses (with readiness) offering several ports → one subset
    Map<String, List<String>> addressSetToPorts = new LinkedHashMap<>();
    Map<String, Map<String, Boolean>> addressSets = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Boolean>> e : portToAddresses.entrySet()) {
      String setKey = e.getValue().toString();
      addressSets.put(setKey, e.getValue());
      List<String> portKeys = addressSetToPorts.computeIfAbsent(setKey, k -> new ArrayList<>());
      if (!e.getKey().isEmpty()) {
        portKeys.add(e.getKey());
      }
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : addressSetToPorts.entrySet()) {
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      addressSets.get(e.getKey()).forEach((key, isReady) ->
          (isReady ? ready : notReady).add(addresses.get(key)));
      subsets.add(new EndpointSubsetBuilder()
          .withAddresses(ready.isEmpty() ? null : ready)
          .withNotReadyAddresses(notReady.isEmpty() ? null : notReady)
          .withPorts(e.getValue().isEmpty() ? null : e.getValue().stream().map(ports::get).toList())
          .build());
    }
    subsets.sort(Comparator.comparing(EndpointSubsets::subsetKey));
    return subsets;
  }

  private static String addressKey(EndpointAddress address) {
    return address.getIp() + "/" + (address.getTargetRef() == null ? ""
        : address.getTargetRef().getUid());
  }

  private static String portKey(EndpointPort port) {
    return port.getName() + "/" + port.getPort() + "/" + port.getProtocol();
  }

  private static String subsetKey(EndpointSubset subset) {
    StringBuilder key = new StringBuilder();
    if (subset.getPorts() != null) {
      subset.getPorts().forEach(p -> key.append(portKey(p)).append(','));
    }
    key.append('|');
    if (subset.getAddresses() != null) {
      subset.getAddresses().forEach(a -> key.append(addressKey(a)).append(','));
    }
    key.append('|');
    if (subset.getNotReadyAddresses() != null) {
      subset.getNotReadyAddresses().forEach(a -> key.append(addressKey(a)).append(','));
    }
    return key.toString();
  }

  /** Equal ignoring the targetRefs' resourceVersions (pod updates that move nothing). */
  static boolean equalIgnoringResourceVersion(List<EndpointSubset> a, List<EndpointSubset> b) {
    return strip(a).equals(strip(b));
  }

  private static List<EndpointSubset> strip(List<EndpointSubset> subsets) {
    List<EndpointSubset> result = new ArrayList<>();
    if (subsets == null) {
      return result;
    }
    for (EndpointSubset subset : subsets) {
      EndpointSubset copy = new EndpointSubsetBuilder(subset).build();
      copy.setAddresses(stripAddresses(subset.getAddresses()));
      copy.setNotReadyAddresses(stripAddresses(subset.getNotReadyAddresses()));
      result.add(copy);
    }
    return result;
  }

  private static List<EndpointAddress> stripAddresses(List<EndpointAddress> addresses) {
    if (addresses == null || addresses.isEmpty()) {
      return null;
    }
    return addresses.stream().map(a -> {
      EndpointAddress copy = new io.fabric8.kubernetes.api.model.EndpointAddressBuilder(a).build();
      if (copy.getTargetRef() != null) {
        copy.setTargetRef(new io.fabric8.kubernetes.api.model.ObjectReferenceBuilder(
            copy.getTargetRef()).withResourceVersion(null).build());
      }
      return copy;
    }).toList();
  }
}
