package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.api.ObjectSource;
import io.kubee.node.images.ImageManager;
import io.kubee.node.kuberuntime.Backoff;
import io.kubee.node.kuberuntime.ContainerConfigs;
import io.kubee.node.kuberuntime.ContainerKiller;
import io.kubee.node.kuberuntime.ContainerStarter;
import io.kubee.node.kuberuntime.DnsConfigurer;
import io.kubee.node.kuberuntime.EnvResolver;
import io.kubee.node.kuberuntime.LifecycleHandlers;
import io.kubee.node.kuberuntime.ReasonCache;
import io.kubee.node.kuberuntime.RuntimeManager;
import io.kubee.node.kuberuntime.SandboxConfigs;
import io.kubee.node.pleg.GenericPleg;
import io.kubee.node.prober.ProbeManager;
import io.kubee.node.prober.Prober;
import io.kubee.node.simulated.SimulatedRuntime;
import io.kubee.node.status.PodStatusWriter;
import io.kubee.node.status.StatusManager;
import io.kubee.node.volume.Mounter;
import io.kubee.node.volume.TokenSource;
import io.kubee.node.volume.VolumeManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's pod machinery — PodWorkers, PodSyncer, RuntimeManager, PLEG, probes, volumes,
 * StatusManager, housekeeping — wired as {@code Kubelet} wires it, over the simulated runtime,
 * with the apiserver replaced by maps: pod status writes and deletions are recorded, ConfigMaps
 * and Secrets come from {@link #objects}. Fast timings: PLEG every 100 ms, CrashLoopBackOff
 * from 300 ms.
 */
final class SimulatedNode implements AutoCloseable {
  /** The simulated node has no apiserver to ask: a projected token fails the pod's volumes. */
  private static final TokenSource NO_TOKENS = (pod, sa, audiences, seconds) -> {
    throw new IllegalStateException("the simulated node issues no service-account tokens");
  };

  static final String NODE = "sim-node";

  /** The apiserver as the status manager sees it. */
  static final class FakeApi implements PodStatusWriter {
    final Map<String, PodStatus> statuses = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();

    @Override
    public Outcome patchStatus(String namespace, String name, String uid, PodStatus status) {
      statuses.put(uid, status);
      return Outcome.OK;
    }

    @Override
    public Outcome deletePod(String namespace, String name, String uid) {
      deleted.add(uid);
      return Outcome.OK;
    }
  }

  /** ConfigMaps and Secrets by namespace/name. */
  static final class Objects implements ObjectSource {
    final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
      return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
      return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }
  }

  final SimulatedRuntime runtime;
  final FakeApi api = new FakeApi();
  final Objects objects = new Objects();
  final PodWorkers workers;
  final PodCache cache = new PodCache();
  final GenericPleg pleg;
  final Housekeeping housekeeping;
  final PodDirs dirs;
  final RuntimeManager manager;
  final VolumeManager volumes;
  final PodCgroups cgroups;
  private final StatusManager statuses;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  SimulatedNode(Path root) {
    Clock clock = Clock.systemUTC();
    runtime = new SimulatedRuntime(clock);
    dirs = new PodDirs(root.resolve("kubelet"), root.resolve("logs"));
    Map<String, Quantity> allocatable = Map.of("cpu", new Quantity("4"),
        "memory", new Quantity("8Gi"), "pods", new Quantity("110"));
    List<String> nodeIps = List.of("192.0.2.10");
    ReasonCache reasons = new ReasonCache();
    LifecycleHandlers hooks = new LifecycleHandlers(runtime);
    ContainerKiller killer = new ContainerKiller(runtime, hooks, EventRecorder.NONE, threads);
    ContainerStarter starter = new ContainerStarter(runtime,
        new ImageManager(runtime, new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1),
            clock), true, EventRecorder.NONE, clock),
        new EnvResolver(objects), new ContainerConfigs(dirs, 8L << 30),
        new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1), clock), hooks, killer,
        EventRecorder.NONE, nodeIps, () -> allocatable);
    RuntimeManager manager = new RuntimeManager(runtime,
        new SandboxConfigs(NODE, dirs, new DnsConfigurer(List.of(), "cluster.local",
            Path.of("/etc/resolv.conf")), "/kubee-test"),
        starter, killer, reasons, dirs, nodeIps, "cluster.local");
    statuses = new StatusManager(api, clock, threads, 1);
    PodWorkers[] ref = new PodWorkers[1];
    ProbeManager probes = new ProbeManager(new Prober(runtime), new ProbeManager.Lookup() {
      @Override
      public Optional<io.kubee.node.kuberuntime.RuntimeContainer> container(String uid,
          String name) {
        return cache.container(uid, name);
      }

      @Override
      public List<String> podIps(String uid) {
        return cache.get(uid).map(s -> s.podIps()).orElse(List.of());
      }
    }, scheduler, EventRecorder.NONE, clock, uid -> ref[0].resync(uid));
    VolumeManager volumes = new VolumeManager(dirs, objects, Mounter.NONE, NO_TOKENS,
        nodeIps, () -> allocatable);
    PodCgroups cgroups = new PodCgroups(root.resolve("no-cgroups"), "/kubee-test");
    PodSyncer syncer = new PodSyncer(manager, volumes, probes, statuses,
        new PodStatusGenerator(probes, reasons, nodeIps, "simulated", clock), cache, reasons,
        cgroups, dirs, EventRecorder.NONE);
    workers = new PodWorkers(syncer, threads, scheduler, Duration.ofSeconds(2));
    ref[0] = workers;
    pleg = new GenericPleg(runtime, workers::resync, clock, Duration.ofMinutes(3));
    scheduler.scheduleWithFixedDelay(pleg, 100, 100, TimeUnit.MILLISECONDS);
    housekeeping = new Housekeeping(pleg, workers, manager, volumes, cgroups, dirs, () -> true);
    this.manager = manager;
    this.volumes = volumes;
    this.cgroups = cgroups;
  }

  /** A pod on this node: one busybox container named {@code main} unless the spec says more. */
  static PodBuilder pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .withUid(UUID.randomUUID().toString()).endMetadata()
        .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
        .addNewContainer().withName("main").withImage("localhost:5000/busybox:1")
        .withCommand("sleep", "3600").endContainer().endSpec();
  }

  /** The last status written for the pod, or null. */
  PodStatus status(Pod pod) {
    return api.statuses.get(pod.getMetadata().getUid());
  }

  /** The pod as the API would show it after the kubelet's last write. */
  Pod withStatus(Pod pod) {
    return new PodBuilder(pod).withStatus(status(pod)).build();
  }

  @Override
  public void close() {
    statuses.close();
    scheduler.shutdownNow();
    threads.shutdownNow();
    try {
      // the temporary directory goes next: nothing may still be writing there
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
