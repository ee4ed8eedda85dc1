package io.kubee.node.kuberuntime;

import io.kubee.node.cri.v1.PodSandboxState;
import io.kubee.node.cri.v1.PodSandboxStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime holds of one pod (kubecontainer.PodStatus): its sandboxes, newest first,
 * and all its containers, newest first per name, dead ones included (they carry the previous
 * run's exit code and logs).
 *
 * @param uid        the pod's uid
 * @param sandboxes  newest first
 * @param containers newest first
 */
public record RuntimePodStatus(String uid, List<PodSandboxStatus> sandboxes,
    List<RuntimeContainer> containers) {

  public RuntimePodStatus {
    sandboxes = sandboxes.stream()
        .sorted(Comparator.comparingLong(PodSandboxStatus::getCreatedAt).reversed()).toList();
    containers = containers.stream()
        .sorted(Comparator.comparing(RuntimeContainer::createdAt).reversed()).toList();
  }

  public static RuntimePodStatus empty(String uid) {
    return new RuntimePodStatus(uid, List.of(), List.of());
  }

  public Optional<PodSandboxStatus> newestSandbox() {
    return sandboxes.isEmpty() ? Optional.empty() : Optional.of(sandboxes.get(0));
  }

  /** The newest sandbox when it is ready. */
  public Optional<PodSandboxStatus> readySandbox() {
    return newestSandbox().filter(s -> s.getState() == PodSandboxState.SANDBOX_READY);
  }

  /** The pod's IPs from its newest sandbox ("" when none). */
  public List<String> podIps() {
    List<String> ips = new ArrayList<>();
    newestSandbox().ifPresent(s -> {
      if (!s.getNetwork().getIp().isEmpty()) {
        ips.add(s.getNetwork().getIp());
      }
      s.getNetwork().getAdditionalIpsList().forEach(ip -> ips.add(ip.getIp()));
    });
    return ips;
  }

  /** The newest container of that name (init or not), if any. */
  public Optional<RuntimeContainer> latest(String name, boolean init) {
    return containers.stream().filter(c -> c.name().equals(name) && c.init() == init).findFirst();
  }

  /** The container of that name before the newest one (lastState, logs --previous). */
  public Optional<RuntimeContainer> previous(String name, boolean init) {
    return containers.stream().filter(c -> c.name().equals(name) && c.init() == init).skip(1)
        .findFirst();
  }

  public List<RuntimeContainer> running() {
    return containers.stream().filter(RuntimeContainer::running).toList();
  }
}
