package io.kubee.node;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.node.api.ApiEventRecorder;
import io.kubee.node.api.ApiObjectSource;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.cri.ImageService;
import io.kubee.node.cri.RuntimeService;
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
import io.kubee.node.nodestatus.MachineInfo;
import io.kubee.node.nodestatus.NodeLeaseController;
import io.kubee.node.nodestatus.NodeStatusBuilder;
import io.kubee.node.nodestatus.NodeStatusUpdater;
import io.kubee.node.pleg.GenericPleg;
import io.kubee.node.pod.Housekeeping;
import io.kubee.node.pod.PodAdmission;
import io.kubee.node.pod.PodCache;
import io.kubee.node.pod.PodCgroups;
import io.kubee.node.pod.PodConfig;
import io.kubee.node.pod.PodDirs;
import io.kubee.node.pod.PodManager;
import io.kubee.node.pod.PodStatusGenerator;
import io.kubee.node.pod.PodSyncer;
import io.kubee.node.pod.PodWorkers;
import io.kubee.node.prober.ProbeManager;
import io.kubee.node.prober.Prober;
import io.kubee.node.server.KubeletApiContext;
import io.kubee.node.server.KubeletServer;
import io.kubee.node.server.KubeletTls;
import io.kubee.node.stats.SummaryProvider;
import io.kubee.node.status.ApiPodStatusWriter;
import io.kubee.node.status.StatusManager;
import io.kubee.node.volume.ApiTokenSource;
import io.kubee.node.volume.Mounter;
import io.kubee.node.volume.VolumeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kubelet: the parts of {@code pkg/kubelet} wired together for one node — pod source, pod
 * workers, runtime manager, PLEG, probes, volumes, status manager, node status and Lease,
 * housekeeping, and the kubelet API. {@link #start()} brings it up; {@link #close()} stops it
 * and leaves running pods running (a restarted node agent adopts them).
 */
public final class Kubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
  static final Duration HOUSEKEEPING_PERIOD = Duration.ofSeconds(2);
  static final Duration PLEG_THRESHOLD = Duration.ofMinutes(3);

  private final KubeletConfig config;
  private final KubernetesClient client;
  private final RuntimeService runtime;
  private final ImageService images;
  private final MachineInfo machine;
  private final Mounter mounter;
  private final KubeletResources resources;
  private final Clock clock;
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private PodManager pods;
  private PodWorkers workers;
  private StatusManager statuses;
  private PodConfig podConfig;
  private NodeStatusUpdater nodeStatus;
  private KubeletServer server;

  public Kubelet(KubeletConfig config, KubernetesClient client, RuntimeService runtime,
      ImageService images, MachineInfo machine, Mounter mounter, KubeletResources resources,
      Clock clock) {
    this.config = config;
    this.client = client;
    this.runtime = runtime;
    this.images = images;
    this.machine = machine;
    this.mounter = mounter;
    this.resources = resources;
    this.clock = clock;
  }

  public void start() throws Exception {
    String runtimeName = waitForRuntime();
    PodDirs dirs = new PodDirs(config.rootDir(), config.podLogDir());
    Files.createDirectories(dirs.podsDir());
    Files.createDirectories(dirs.logsRoot());
    NodeStatusBuilder nodeStatusBuilder = new NodeStatusBuilder(config, machine);
    Map<String, Quantity> allocatableNow = nodeStatusBuilder.allocatable();
    Supplier<Map<String, Quantity>> allocatable = () -> allocatableNow;

    ApiEventRecorder recorder = new ApiEventRecorder(client, config.nodeName(), clock,
        resources.blocking);
    closeables.add(recorder);
    EventRecorder events = recorder;
    ApiObjectSource objects = new ApiObjectSource(client, config.objectCacheTtl(), clock);
    ReasonCache reasons = new ReasonCache();
    PodCache cache = new PodCache();
    pods = new PodManager();

    ImageManager imageManager = new ImageManager(images,
        new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock),
        config.serializeImagePulls(), events, clock);
    Backoff crashBackoff = new Backoff(config.crashLoopInitial(), config.crashLoopMax(), clock);
    LifecycleHandlers hooks = new LifecycleHandlers(runtime);
    ContainerKiller killer = new ContainerKiller(runtime, hooks, events, resources.blocking);
    ContainerStarter starter = new ContainerStarter(runtime, imageManager,
        new EnvResolver(objects), new ContainerConfigs(dirs, machine.memoryCapacityBytes()),
        crashBackoff, hooks, killer, events, config.nodeIps(), allocatable);
    SandboxConfigs sandboxes = new SandboxConfigs(config.nodeName(), dirs,
        new DnsConfigurer(config.clusterDns(), config.clusterDomain(), config.resolvConf()),
        config.cgroupRoot());
    RuntimeManager runtimeManager = new RuntimeManager(runtime, sandboxes, starter, killer,
        reasons, dirs, config.nodeIps(), config.clusterDomain());

    statuses = new StatusManager(new ApiPodStatusWriter(client), clock, resources.blocking, 2);
    closeables.add(statuses);
    PodWorkers[] workerRef = new PodWorkers[1];
    ProbeManager probes = new ProbeManager(new Prober(runtime), new ProbeManager.Lookup() {
      @Override
      public java.util.Optional<io.kubee.node.kuberuntime.RuntimeContainer> container(
          String uid, String name) {
        return cache.container(uid, name);
      }

      @Override
      public List<String> podIps(String uid) {
        return cache.get(uid).map(s -> s.podIps()).orElse(List.of());
      }
    }, resources.probes, events, clock, uid -> workerRef[0].resync(uid));
    VolumeManager volumes = new VolumeManager(dirs, objects, mounter, new ApiTokenSource(client),
        config.nodeIps(), allocatable);
    PodCgroups cgroups = new PodCgroups(Path.of("/sys/fs/cgroup"), config.cgroupRoot());
    PodStatusGenerator generator = new PodStatusGenerator(probes, reasons, config.nodeIps(),
        runtimeName, clock);
    PodSyncer syncer = new PodSyncer(runtimeManager, volumes, probes, statuses, generator, cache,
        reasons, cgroups, dirs, events);
    workers = new PodWorkers(syncer, resources.podWorkers, resources.scheduler,
        config.syncFrequency());
    workerRef[0] = workers;

    GenericPleg pleg = new GenericPleg(runtime, workers::resync, clock, PLEG_THRESHOLD);
    nodeStatus = new NodeStatusUpdater(client, config, nodeStatusBuilder, runtime, images, pleg,
        clock);
    SummaryProvider summary = new SummaryProvider(config.nodeName(), config.rootDir(),
        config.podLogDir(), machine, runtime, images, pods, clock);
    if (config.port() > 0) {
      server = KubeletServer.start(resources.boss, resources.io, config.address(), config.port(),
          KubeletTls.serverContext(config.tlsCertFile(), config.tlsKeyFile(), config.certDir(),
              config.nodeName(), config.nodeIps()),
          new KubeletApiContext(pods, statuses, cache, runtime, summary, resources.io,
              resources.blocking), false);
      closeables.add(server);
    }
    if (config.healthzPort() > 0) {
      closeables.add(KubeletServer.start(resources.boss, resources.io, "127.0.0.1",
          config.healthzPort(), null, null, true));
    }

    // the first relist before pods arrive: syncs then start from what the runtime holds
    pleg.run();
    nodeStatus.run();
    NodeLeaseController lease = new NodeLeaseController(client, config.nodeName(),
        config.nodeLeaseDuration(), nodeStatus::nodeUid, clock);
    lease.run();
    every(nodeStatus, config.nodeStatusUpdateFrequency());
    every(lease, lease.renewInterval());
    every(pleg, config.plegRelistPeriod());
    podConfig = new PodConfig(client, config.nodeName(), pods, workers,
        new PodAdmission(config.maxPods(), allocatable), statuses, clock);
    closeables.add(podConfig);
    podConfig.start();
    every(new Housekeeping(pleg, workers, runtimeManager, volumes, cgroups, dirs,
        podConfig::synced), HOUSEKEEPING_PERIOD);
    every(() -> {
      crashBackoff.gc();
    }, Duration.ofMinutes(1));
    LOG.info("kubelet started node={} runtime={} api={}", config.nodeName(), runtimeName,
        config.port() > 0 ? config.address() + ":" + config.port() : "off");
  }

  /** Waits until the runtime answers Version; returns its name (the container id scheme). */
  private String waitForRuntime() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      try {
        return runtime.version().getRuntimeName();
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the container runtime does not answer: " + e, e);
        }
        LOG.warn("waiting for the container runtime: {}", e.toString());
        Thread.sleep(1000);
      }
    }
  }

  private void every(Runnable task, Duration period) {
    tasks.add(resources.scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("periodic task failed: {}", e.toString());
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
  }

  public String nodeName() {
    return config.nodeName();
  }

  /** The kubelet API's port (0 when it serves none). */
  public int port() {
    return server == null ? 0 : server.port();
  }

  public boolean registered() {
    return nodeStatus != null && nodeStatus.registered();
  }

  public boolean synced() {
    return podConfig != null && podConfig.synced();
  }

  /** Whether every pod status has been written (benchmarks wait on it). */
  public boolean statusIdle() {
    return statuses != null && statuses.idle();
  }

  @Override
  public void close() {
    tasks.forEach(t -> t.cancel(false));
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.debug("close failed: {}", e.toString());
      }
    }
    LOG.info("kubelet stopped node={}", config.nodeName());
  }
}
