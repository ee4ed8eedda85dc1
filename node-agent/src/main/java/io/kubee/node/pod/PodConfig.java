package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.node.status.StatusManager;
import io.kubee.node.util.Times;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's pod source (k8s.io/kubernetes {@code pkg/kubelet/config/apiserver.go}): an
 * informer on the pods whose {@code spec.nodeName} is this node, feeding the PodManager and
 * the PodWorkers. New pods are admitted first ({@link PodAdmission}). {@link #synced()} turns
 * true only after every pod of the initial list reached the workers, so that housekeeping never
 * mistakes a running pod for an orphan.
 */
public final class PodConfig implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodConfig.class);

  private final KubernetesClient client;
  private final String nodeName;
  private final PodManager pods;
  private final PodWorkers workers;
  private final PodAdmission admission;
  private final StatusManager statuses;
  private final Clock clock;
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<Pod> informer;
  private volatile boolean synced;

  public PodConfig(KubernetesClient client, String nodeName, PodManager pods, PodWorkers workers,
      PodAdmission admission, StatusManager statuses, Clock clock) {
    this.client = client;
    this.nodeName = nodeName;
    this.pods = pods;
    this.workers = workers;
    this.admission = admission;
    this.statuses = statuses;
    this.clock = clock;
  }

  public void start() {
    informer = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            added(pod);
          }

          @Override
          public void onUpdate(Pod oldPod, Pod pod) {
            added(pod);
          }

          @Override
          public void onDelete(Pod pod, boolean finalStateUnknown) {
            deleted(pod);
          }
        }, 0);
  }

  /**
   * Whether the initial list has been handed to the workers. The first time the informer
   * reports synced, its store is replayed: handler callbacks may still be on their way.
   */
  public boolean synced() {
    if (synced) {
      return true;
    }
    if (informer == null || !informer.hasSynced()) {
      return false;
    }
    for (Pod pod : informer.getStore().list()) {
      added(pod);
    }
    synced = true;
    return true;
  }

  private synchronized void added(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (rejected.contains(uid)) {
      return;
    }
    if (!workers.known(uid) && !finished(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
      List<Pod> running = pods.all().stream()
          .filter(p -> !p.getMetadata().getUid().equals(uid) && !finished(p)).toList();
      Optional<PodAdmission.Rejection> rejection = admission.admit(pod, running);
      if (rejection.isPresent()) {
        reject(pod, rejection.get());
        return;
      }
    }
    pods.put(pod);
    workers.update(pod);
  }

  private synchronized void deleted(Pod pod) {
    rejected.remove(pod.getMetadata().getUid());
    pods.remove(pod);
    workers.remove(pod);
  }

  private void reject(Pod pod, PodAdmission.Rejection rejection) {
    LOG.warn("rejecting pod={}/{}: {}", pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(), rejection.message());
    rejected.add(pod.getMetadata().getUid());
    PodStatus status = new PodStatus();
    status.setPhase("Failed");
    status.setReason(rejection.reason());
    status.setMessage("Pod was rejected: " + rejection.message());
    status.setStartTime(Times.format(clock.instant()));
    status.setQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass());
    status.setConditions(List.of());
    statuses.setPodStatus(pod, status);
  }

  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
