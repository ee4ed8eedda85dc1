package io.kubee.node;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubee.node.nodestatus.EvictionThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything one kubelet is configured with (kubelet's KubeletConfiguration plus its flags),
 * built by {@link NodeAgent} from the command line. Immutable.
 *
 * @param nodeName                  the Node's name (--hostname-override, or the host name)
 * @param nodeIps                   the node's IPs, InternalIP first (--node-ip or detected)
 * @param hostname                  the machine's host name (the Hostname address)
 * @param rootDir                   pod directories and volumes (--root-dir)
 * @param podLogDir                 container logs, {@code <ns>_<name>_<uid>/<container>/N.log}
 * @param address                   where the kubelet API listens (--address)
 * @param port                      the kubelet API's HTTPS port (0: no server)
 * @param healthzPort               plain-HTTP /healthz on loopback (0: none)
 * @param maxPods                   the pods capacity
 * @param nodeLabels                labels the Node is registered with
 * @param taints                    taints the Node is registered with
 * @param cgroupRoot                parent of the pods' cgroups (cgroupfs path)
 * @param clusterDns                nameservers for ClusterFirst pods (empty: the host's)
 * @param clusterDomain             the cluster's DNS domain
 * @param resolvConf                the host's resolver configuration
 * @param syncFrequency             how often every pod is synced even without events
 * @param plegRelistPeriod          how often the runtime is relisted
 * @param nodeStatusUpdateFrequency how often node status is computed (and sent when changed)
 * @param nodeStatusReportFrequency how often node status is sent even when unchanged
 * @param nodeLeaseDuration         the Lease's leaseDurationSeconds; renewed every quarter
 * @param runtimeRequestTimeout     the deadline of ordinary CRI calls
 * @param kubeReserved              resources held back for Kubernetes daemons
 * @param systemReserved            resources held back for the OS
 * @param evictionHard              thresholds for MemoryPressure, DiskPressure, PIDPressure
 * @param crashLoopInitial          the first CrashLoopBackOff wait (kubelet: 10 s)
 * @param crashLoopMax              the longest CrashLoopBackOff wait (kubelet: 5 min)
 * @param objectCacheTtl            how long a ConfigMap or Secret read is reused
 * @param serializeImagePulls       pull one image at a time
 * @param tlsCertFile               PEM certificate of the kubelet API, or null (self-signed)
 * @param tlsKeyFile                PEM PKCS#8 key of the kubelet API, or null
 * @param certDir                   where the self-signed certificate is kept
 */
public record KubeletConfig(
    String nodeName,
    List<String> nodeIps,
    String hostname,
    Path rootDir,
    Path podLogDir,
    String address,
    int port,
    int healthzPort,
    int maxPods,
    Map<String, String> nodeLabels,
    List<Taint> taints,
    String cgroupRoot,
    List<String> clusterDns,
    String clusterDomain,
    Path resolvConf,
    Duration syncFrequency,
    Duration plegRelistPeriod,
    Duration nodeStatusUpdateFrequency,
    Duration nodeStatusReportFrequency,
    Duration nodeLeaseDuration,
    Duration runtimeRequestTimeout,
    Map<String, Quantity> kubeReserved,
    Map<String, Quantity> systemReserved,
    EvictionThresholds evictionHard,
    Duration crashLoopInitial,
    Duration crashLoopMax,
    Duration objectCacheTtl,
    boolean serializeImagePulls,
    Path tlsCertFile,
    Path tlsKeyFile,
    Path certDir) {

  /** The Kubernetes version this kubelet reports and speaks. */
  public static final String KUBELET_VERSION = "v1.32.0";

  /** The node's first IP (InternalIP), the pods' hostIP. */
  public String nodeIp() {
    return nodeIps.get(0);
  }

  /** A copy for another node name (hollow nodes sharing one configuration). */
  public KubeletConfig withNode(String name, Path root, Path logs, int kubeletPort) {
    return new KubeletConfig(name, nodeIps, hostname, root, logs, address, kubeletPort,
        0, maxPods, nodeLabels, taints, cgroupRoot, clusterDns, clusterDomain, resolvConf,
        syncFrequency, plegRelistPeriod, nodeStatusUpdateFrequency, nodeStatusReportFrequency,
        nodeLeaseDuration, runtimeRequestTimeout, kubeReserved, systemReserved, evictionHard,
        crashLoopInitial, crashLoopMax, objectCacheTtl, serializeImagePulls, tlsCertFile,
        tlsKeyFile, certDir);
  }
}
