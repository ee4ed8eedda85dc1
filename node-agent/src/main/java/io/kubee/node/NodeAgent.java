package io.kubee.node;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.kubee.node.cri.RemoteRuntime;
import io.kubee.node.nodestatus.SystemMachineInfo;
import io.kubee.node.simulated.SimulatedMachineInfo;
import io.kubee.node.simulated.SimulatedRuntime;
import io.kubee.node.volume.Mounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The node agent's command line, mirroring kubelet's flags: {@code java -jar node-agent.jar
 * --kubeconfig F --container-runtime-endpoint unix:///... [--hostname-override] [--node-ip]
 * ...}. With {@code --runtime=simulated} (never the default) it fakes containers in memory and
 * can run {@code --nodes N} hollow nodes in one JVM for scale tests, as kubemark does.
 */
@Command(name = "node-agent", mixinStandardHelpOptions = true, sortOptions = false,
    version = "kubee node agent (kubelet " + KubeletConfig.KUBELET_VERSION + ")",
    description = "The Kubee kubelet: turns this machine into a node of the cluster that "
        + "--kubeconfig points to, running pods through a CRI runtime (containerd).")
public final class NodeAgent implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  @Mixin
  NodeAgentOptions options;

  @Option(names = "--runtime", defaultValue = "remote",
      description = "remote (a CRI runtime at --container-runtime-endpoint; the default) or "
          + "simulated (containers faked in memory, for scale tests)")
  String runtime;

  @Option(names = "--nodes", defaultValue = "1",
      description = "with --runtime=simulated: how many hollow nodes this process runs, named "
          + "<hostname-override>-0..N-1, their kubelet API on --port + i (0: none)")
  int nodes;

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeAgent()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    boolean simulated = runtime.equals("simulated");
    if (!simulated && !runtime.equals("remote")) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--runtime must be remote or simulated");
    }
    if (nodes != 1 && !simulated) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--nodes is for --runtime=simulated only");
    }
    KubeletConfig config = options.toConfig();
    KubernetesClient client = client(options.kubeconfig, config.nodeName());
    KubeletResources resources = new KubeletResources(simulated ? 8 : 6);
    List<AutoCloseable> running = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    if (simulated) {
      for (int i = 0; i < nodes; i++) {
        String name = nodes == 1 ? config.nodeName() : config.nodeName() + "-" + i;
        KubeletConfig hollow = config.withNode(name, config.rootDir().resolve(name),
            config.podLogDir().resolve(name), config.port() == 0 ? 0 : config.port() + i);
        SimulatedRuntime fake = new SimulatedRuntime(clock);
        Kubelet kubelet = new Kubelet(hollow, client, fake, fake, new SimulatedMachineInfo(name),
            Mounter.NONE, resources, clock);
        kubelet.start();
        running.add(kubelet);
      }
      LOG.info("{} hollow node(s) running on the simulated runtime", nodes);
    } else {
      RemoteRuntime remote = new RemoteRuntime(options.runtimeEndpoint, options.imageEndpoint,
          config.runtimeRequestTimeout());
      running.add(remote);
      Kubelet kubelet = new Kubelet(config, client, remote, remote, new SystemMachineInfo(),
          Mounter.SYSTEM, resources, clock);
      kubelet.start();
      running.add(kubelet);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (int i = running.size() - 1; i >= 0; i--) {
        try {
          running.get(i).close();
        } catch (Exception e) {
          LOG.debug("close failed: {}", e.toString());
        }
      }
      resources.close();
      client.close();
      stop.countDown();
    }, "node-agent-shutdown"));
    stop.await();
    return 0;
  }

  /** The apiserver client from the kubeconfig, as the kubelet's own user agent. */
  static KubernetesClient client(Path kubeconfig, String nodeName) throws java.io.IOException {
    Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig,
        StandardCharsets.UTF_8), kubeconfig.toString());
    config.setUserAgent("kubelet/" + KubeletConfig.KUBELET_VERSION + " (kubee) " + nodeName);
    config.setConnectionTimeout(10_000);
    config.setRequestTimeout(30_000);
    config.setWatchReconnectInterval(1_000);
    config.setWatchReconnectLimit(-1);
    config.setRequestRetryBackoffLimit(5);
    config.setRequestRetryBackoffInterval(250);
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory()).build();
  }
}
