package io.kubee.node.nodestatus;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's heartbeat (k8s.io/kubernetes {@code pkg/kubelet/nodelease} and
 * {@code component-helpers/apimachinery/lease}): a Lease named after the node in
 * {@code kube-node-lease}, held by the node, leaseDurationSeconds 40, renewed every quarter of
 * that (10 s) and owned by the Node so it goes with it.
 */
public final class NodeLeaseController implements Runnable {
  static final String NAMESPACE = "kube-node-lease";
  private static final Logger LOG = LoggerFactory.getLogger(NodeLeaseController.class);

  private final KubernetesClient client;
  private final String nodeName;
  private final Duration duration;
  private final Supplier<String> nodeUid;
  private final Clock clock;

  public NodeLeaseController(KubernetesClient client, String nodeName, Duration duration,
      Supplier<String> nodeUid, Clock clock) {
    this.client = client;
    this.nodeName = nodeName;
    this.duration = duration;
    this.nodeUid = nodeUid;
    this.clock = clock;
  }

  /** How often the Lease is renewed. */
  public Duration renewInterval() {
    return duration.dividedBy(4);
  }

  @Override
  public void run() {
    try {
      renew();
    } catch (RuntimeException e) {
      LOG.warn("cannot renew the lease of node={}: {}", nodeName, e.toString());
    }
  }

  void renew() {
    ZonedDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    var leases = client.leases().inNamespace(NAMESPACE);
    Lease lease = leases.withName(nodeName).get();
    if (lease == null) {
      Lease fresh = new LeaseBuilder()
          .withNewMetadata().withName(nodeName).withNamespace(NAMESPACE)
          .withOwnerReferences(owner()).endMetadata()
          .withNewSpec().withHolderIdentity(nodeName)
          .withLeaseDurationSeconds((int) duration.toSeconds()).withRenewTime(now).endSpec()
          .build();
      try {
        leases.resource(fresh).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        lease = leases.withName(nodeName).get();
        if (lease == null) {
          throw e;
        }
      }
    }
    lease.getSpec().setHolderIdentity(nodeName);
    lease.getSpec().setLeaseDurationSeconds((int) duration.toSeconds());
    lease.getSpec().setRenewTime(now);
    if (lease.getMetadata().getOwnerReferences() == null
        || lease.getMetadata().getOwnerReferences().isEmpty()) {
      List<OwnerReference> owner = owner();
      if (owner != null) {
        lease.getMetadata().setOwnerReferences(owner);
      }
    }
    // an update with the read resourceVersion: a conflict is retried at the next renewal
    leases.resource(lease).update();
  }

  private List<OwnerReference> owner() {
    String uid = nodeUid.get();
    if (uid == null) {
      return null;
    }
    return List.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
        .withName(nodeName).withUid(uid).build());
  }
}
