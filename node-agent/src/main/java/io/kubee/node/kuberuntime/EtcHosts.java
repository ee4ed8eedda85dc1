package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The /etc/hosts the kubelet manages for each pod (kubelet's {@code managedHostsFileContent}
 * in {@code kubelet_pods.go}): localhost entries and the pod's own IP and name for pod-network
 * pods, the node's file for host-network pods, then the pod's hostAliases. Written atomically
 * before containers start; every container of the pod mounts it.
 */
public final class EtcHosts {
  private EtcHosts() {}

  public static void write(Path file, Pod pod, List<String> podIps, String clusterDomain,
      Path nodeHosts) throws IOException {
    StringBuilder content = new StringBuilder();
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      if (Files.isReadable(nodeHosts)) {
        content.append(Files.readString(nodeHosts, StandardCharsets.UTF_8));
        if (content.length() > 0 && content.charAt(content.length() - 1) != '\n') {
          content.append('\n');
        }
      }
    } else {
      content.append("# Kubernetes-managed hosts file.\n")
          .append("127.0.0.1\tlocalhost\n")
          .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
          .append("fe00::0\tip6-localnet\n")
          .append("fe00::0\tip6-mcastprefix\n")
          .append("fe00::1\tip6-allnodes\n")
          .append("fe00::2\tip6-allrouters\n");
      String hostname = SandboxConfigs.hostname(pod);
      String subdomain = pod.getSpec().getSubdomain();
      for (String ip : podIps) {
        if (subdomain != null && !subdomain.isEmpty()) {
          content.append(ip).append('\t').append(hostname).append('.').append(subdomain)
              .append('.').append(pod.getMetadata().getNamespace()).append(".svc.")
              .append(clusterDomain).append('\t').append(hostname).append('\n');
        } else {
          content.append(ip).append('\t').append(hostname).append('\n');
        }
      }
    }
    List<HostAlias> aliases = pod.getSpec().getHostAliases();
    if (aliases != null && !aliases.isEmpty()) {
      content.append("\n# Entries added by HostAliases.\n");
      for (HostAlias alias : aliases) {
        if (alias.getHostnames() != null && !alias.getHostnames().isEmpty()) {
          content.append(alias.getIp()).append('\t')
              .append(String.join("\t", alias.getHostnames())).append('\n');
        }
      }
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
