package io.kubee.node;

import io.grpc.StatusRuntimeException;
import io.kubee.node.cri.RemoteRuntime;
import io.kubee.node.cri.v1.Container;
import io.kubee.node.cri.v1.PodSandbox;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Removes every pod from a CRI runtime: stops and removes all containers and sandboxes, which
 * ends their processes and shims and frees their network namespaces and addresses.
 * {@code bin/kubee down} runs it before stopping containerd; tests run its logic to leave
 * nothing behind. Only for a runtime the node agent owns alone.
 */
@Command(name = "runtime-cleanup", mixinStandardHelpOptions = true,
    description = "Stops and removes every container and pod sandbox of a CRI runtime.")
public final class RuntimeCleanup implements Callable<Integer> {
  @Option(names = "--container-runtime-endpoint", required = true)
  String endpoint;

  @Option(names = "--grace-seconds", defaultValue = "5",
      description = "how long containers get to stop (default: ${DEFAULT-VALUE})")
  long grace;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RuntimeCleanup()).execute(args));
  }

  @Override
  public Integer call() {
    try (RemoteRuntime runtime = new RemoteRuntime(endpoint, null, Duration.ofSeconds(30))) {
      int removed = removeAll(runtime, grace);
      System.out.println("removed " + removed + " pod sandbox(es)");
    }
    return 0;
  }

  /** Stops and removes everything; returns how many sandboxes there were. */
  public static int removeAll(io.kubee.node.cri.RuntimeService runtime, long graceSeconds) {
    for (Container c : runtime.listContainers(null)) {
      try {
        runtime.stopContainer(c.getId(), graceSeconds);
        runtime.removeContainer(c.getId());
      } catch (StatusRuntimeException e) {
        // gone meanwhile
      }
    }
    int count = 0;
    for (PodSandbox s : runtime.listPodSandbox(null)) {
      try {
        runtime.stopPodSandbox(s.getId());
        runtime.removePodSandbox(s.getId());
        count++;
      } catch (StatusRuntimeException e) {
        // gone meanwhile
      }
    }
    return count;
  }
}
