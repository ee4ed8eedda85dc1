package io.kubee.node.nodestatus;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubee.api.codec.Codec;
import io.kubee.node.KubeletConfig;
import io.kubee.node.cri.ImageService;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.FilesystemUsage;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.cri.v1.RuntimeCondition;
import io.kubee.node.cri.v1.StatusResponse;
import io.kubee.node.cri.v1.VersionResponse;
import io.kubee.node.pleg.GenericPleg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers the Node and keeps its status current (kubelet's {@code kubelet_node_status.go}):
 * the Node is created with its labels and taints, or, when it exists (the node agent restarted),
 * its labels are brought up to date — never a second Node. Then every update period the status
 * is computed from the machine, the runtime and the PLEG and sent through
 * {@code nodes/<name>/status} when it changed, or at least every report period, as kubelet does
 * beside the Lease.
 */
public final class NodeStatusUpdater implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeStatusUpdater.class);

  private final KubernetesClient client;
  private final KubeletConfig config;
  private final NodeStatusBuilder builder;
  private final RuntimeService runtime;
  private final ImageService images;
  private final GenericPleg pleg;
  private final Clock clock;
  private volatile boolean registered;
  private volatile String nodeUid;
  private List<NodeCondition> lastConditions;
  private NodeStatus lastSent;
  private Instant lastReport = Instant.EPOCH;

  public NodeStatusUpdater(KubernetesClient client, KubeletConfig config,
      NodeStatusBuilder builder, RuntimeService runtime, ImageService images, GenericPleg pleg,
      Clock clock) {
    this.client = client;
    this.config = config;
    this.builder = builder;
    this.runtime = runtime;
    this.images = images;
    this.pleg = pleg;
    this.clock = clock;
  }

  public boolean registered() {
    return registered;
  }

  /** The Node's uid once registered (the Lease's owner), else null. */
  public String nodeUid() {
    return nodeUid;
  }

  @Override
  public synchronized void run() {
    try {
      if (!registered) {
        register();
      }
      update(false);
    } catch (RuntimeException e) {
      LOG.warn("node status update of node={} failed: {}", config.nodeName(), e.toString());
    }
  }

  /** Creates the Node, or adopts the existing one of this name. */
  void register() {
    Map<String, String> labels = labels();
    Node node = new NodeBuilder()
        .withNewMetadata().withName(config.nodeName()).withLabels(labels).endMetadata()
        .withNewSpec().withTaints(config.taints().isEmpty() ? null
            : new ArrayList<Taint>(config.taints())).endSpec()
        .build();
    try {
      Node created = client.nodes().resource(node).create();
      nodeUid = created.getMetadata().getUid();
      LOG.info("registered node={}", config.nodeName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      Node existing = client.nodes().withName(config.nodeName()).get();
      if (existing == null) {
        throw e;
      }
      nodeUid = existing.getMetadata().getUid();
      Map<String, String> current = existing.getMetadata().getLabels() == null ? Map.of()
          : existing.getMetadata().getLabels();
      if (!current.entrySet().containsAll(labels.entrySet())) {
        ObjectNode patch = Codec.INSTANCE.newObject();
        ObjectNode patchLabels = patch.putObject("metadata").putObject("labels");
        labels.forEach(patchLabels::put);
        client.nodes().withName(config.nodeName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      }
      if (existing.getStatus() != null) {
        lastConditions = existing.getStatus().getConditions();
      }
      LOG.info("node={} already registered: adopted it", config.nodeName());
    }
    registered = true;
  }

  /** Computes the status and sends it when it changed or a report is due. */
  public synchronized void update(boolean force) {
    Instant now = clock.instant();
    NodeStatusBuilder.RuntimeFacts facts = runtimeFacts();
    String plegMessage = pleg.healthy() ? "" : "pleg was last seen active "
        + Duration.between(pleg.lastRelist(), now).toSeconds() + "s ago";
    NodeConditions.Signals signals = builder.signals(facts, pleg.healthy(), plegMessage);
    NodeStatus status = builder.build(facts, signals, lastConditions, now);
    boolean due = Duration.between(lastReport, now)
        .compareTo(config.nodeStatusReportFrequency()) >= 0;
    if (!force && !due && lastSent != null && !changed(lastSent, status)) {
      return;
    }
    ObjectNode patch = Codec.INSTANCE.newObject();
    patch.set("status", Codec.INSTANCE.fromTyped(status));
    client.nodes().withName(config.nodeName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    lastSent = status;
    lastConditions = status.getConditions();
    lastReport = now;
  }

  private static boolean changed(NodeStatus a, NodeStatus b) {
    if (NodeConditions.changed(a.getConditions(), b.getConditions())) {
      return true;
    }
    NodeStatus x = copyWithoutConditions(a);
    NodeStatus y = copyWithoutConditions(b);
    return !Codec.INSTANCE.fromTyped(x).equals(Codec.INSTANCE.fromTyped(y));
  }

  private static NodeStatus copyWithoutConditions(NodeStatus s) {
    NodeStatus copy = Codec.INSTANCE.json().convertValue(Codec.INSTANCE.fromTyped(s),
        NodeStatus.class);
    copy.setConditions(null);
    // free space moves all the time; a change of capacity or allocatable is what matters
    return copy;
  }

  private NodeStatusBuilder.RuntimeFacts runtimeFacts() {
    String version = "unknown";
    boolean runtimeReady = false;
    String runtimeMessage = "container runtime status check may not have completed yet";
    boolean networkReady = false;
    String networkMessage = "container runtime status check may not have completed yet";
    Path imageFs = null;
    List<Image> list = List.of();
    try {
      VersionResponse v = runtime.version();
      version = v.getRuntimeName() + "://" + v.getRuntimeVersion();
      StatusResponse s = runtime.status();
      Map<String, RuntimeCondition> conditions = new LinkedHashMap<>();
      for (RuntimeCondition c : s.getStatus().getConditionsList()) {
        conditions.put(c.getType(), c);
      }
      RuntimeCondition rt = conditions.get("RuntimeReady");
      RuntimeCondition net = conditions.get("NetworkReady");
      runtimeReady = rt != null && rt.getStatus();
      runtimeMessage = rt == null ? "RuntimeReady condition missing"
          : "RuntimeReady=" + rt.getStatus() + " reason:" + rt.getReason() + " message:"
              + rt.getMessage();
      networkReady = net != null && net.getStatus();
      networkMessage = net == null ? "NetworkReady condition missing"
          : "NetworkReady=" + net.getStatus() + " reason:" + net.getReason() + " message:"
              + net.getMessage();
      List<FilesystemUsage> fs = images.imageFsInfo();
      if (!fs.isEmpty() && !fs.get(0).getFsId().getMountpoint().isEmpty()) {
        imageFs = Path.of(fs.get(0).getFsId().getMountpoint());
      }
      list = images.listImages();
    } catch (RuntimeException e) {
      runtimeMessage = e.toString();
      networkMessage = e.toString();
    }
    return new NodeStatusBuilder.RuntimeFacts(version, runtimeReady, runtimeMessage, networkReady,
        networkMessage, imageFs, list);
  }

  private Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    String arch = System.getProperty("os.arch", "amd64").equals("aarch64") ? "arm64" : "amd64";
    labels.put("kubernetes.io/hostname", config.nodeName());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", arch);
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", arch);
    labels.putAll(config.nodeLabels());
    return labels;
  }
}
