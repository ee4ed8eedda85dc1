package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.NOW;
import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {
  private final PodPrinter printer = new PodPrinter();

  /** A pod and its cells: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED-NODE GATES. */
  record Case(String name, String pod, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> pods() {
    return Stream.of(
        new Case("a running pod with every container ready", """
            {"metadata": {"name": "web", "creationTimestamp": "<5m>"},
             "spec": {"nodeName": "node-1", "containers": [{"name": "a"}, {"name": "b"}]},
             "status": {"phase": "Running", "podIP": "10.0.0.2",
               "podIPs": [{"ip": "10.0.0.2"}, {"ip": "fd00::2"}],
               "conditions": [{"type": "Ready", "status": "True"}],
               "containerStatuses": [
                 {"name": "a", "ready": true, "restartCount": 0, "state": {"running": {}}},
                 {"name": "b", "ready": true, "restartCount": 0, "state": {"running": {}}}]}}
            """, List.of("web", "2/2", "Running", "0", "5m", "10.0.0.2", "node-1", "<none>",
            "<none>")),
        new Case("a pending pod nobody scheduled yet", """
            {"metadata": {"name": "p", "creationTimestamp": "<30s>"},
             "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Pending"}}
            """, List.of("p", "0/1", "Pending", "0", "30s", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("a crash looping container shows its waiting reason and its last restart", """
            {"metadata": {"name": "crashy", "creationTimestamp": "<2h>"},
             "spec": {"nodeName": "node-1", "containers": [{"name": "a"}]},
             "status": {"phase": "Running", "podIP": "10.0.0.3",
               "containerStatuses": [{"name": "a", "ready": false, "restartCount": 5,
                 "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                 "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                   "finishedAt": "<3m>"}}}]}}
            """, List.of("crashy", "0/1", "CrashLoopBackOff", "5 (3m ago)", "120m", "10.0.0.3",
            "node-1", "<none>", "<none>")),
        new Case("the first running init container reads Init:0/2", """
            {"metadata": {"name": "init", "creationTimestamp": "<10s>"},
             "spec": {"initContainers": [{"name": "i1"}, {"name": "i2"}],
               "containers": [{"name": "a"}]},
             "status": {"phase": "Pending",
               "initContainerStatuses": [
                 {"name": "i1", "state": {"running": {}}},
                 {"name": "i2", "state": {"waiting": {"reason": "PodInitializing"}}}],
               "containerStatuses": [{"name": "a", "state": {"waiting": {"reason":
                 "PodInitializing"}}}]}}
            """, List.of("init", "0/1", "Init:0/2", "0", "10s", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("a finished first init container moves on to Init:1/2", """
            {"metadata": {"name": "init"},
             "spec": {"initContainers": [{"name": "i1"}, {"name": "i2"}],
               "containers": [{"name": "a"}]},
             "status": {"phase": "Pending",
               "initContainerStatuses": [
                 {"name": "i1", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                 {"name": "i2", "state": {"running": {}}}]}}
            """, List.of("init", "0/1", "Init:1/2", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("a crash looping init container reads Init:CrashLoopBackOff and counts restarts",
            """
            {"metadata": {"name": "init", "creationTimestamp": "<1h>"},
             "spec": {"initContainers": [{"name": "i1"}], "containers": [{"name": "a"}]},
             "status": {"phase": "Pending",
               "initContainerStatuses": [{"name": "i1", "restartCount": 3,
                 "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                 "lastState": {"terminated": {"exitCode": 1, "finishedAt": "<1m>"}}}]}}
            """, List.of("init", "0/1", "Init:CrashLoopBackOff", "3 (60s ago)", "60m",
            "<none>", "<none>", "<none>", "<none>")),
        new Case("a failed init container reads Init:Error", """
            {"metadata": {"name": "init"},
             "spec": {"initContainers": [{"name": "i1"}], "containers": [{"name": "a"}]},
             "status": {"phase": "Pending", "initContainerStatuses": [{"name": "i1",
               "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}}
            """, List.of("init", "0/1", "Init:Error", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("an init container killed by a signal reads Init:Signal:9", """
            {"metadata": {"name": "init"},
             "spec": {"initContainers": [{"name": "i1"}], "containers": [{"name": "a"}]},
             "status": {"phase": "Pending", "initContainerStatuses": [{"name": "i1",
               "state": {"terminated": {"exitCode": 137, "signal": 9}}}]}}
            """, List.of("init", "0/1", "Init:Signal:9", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("an init container exiting without a reason reads Init:ExitCode:2", """
            {"metadata": {"name": "init"},
             "spec": {"initContainers": [{"name": "i1"}], "containers": [{"name": "a"}]},
             "status": {"phase": "Pending", "initContainerStatuses": [{"name": "i1",
               "state": {"terminated": {"exitCode": 2}}}]}}
            """, List.of("init", "0/1", "Init:ExitCode:2", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("containers waiting after init read PodInitializing", """
            {"metadata": {"name": "p"},
             "spec": {"initContainers": [{"name": "i1"}], "containers": [{"name": "a"}]},
             "status": {"phase": "Pending",
               "initContainerStatuses": [{"name": "i1",
                 "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}],
               "containerStatuses": [{"name": "a",
                 "state": {"waiting": {"reason": "PodInitializing"}}}]}}
            """, List.of("p", "0/1", "PodInitializing", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("a pod whose containers completed reads Completed", """
            {"metadata": {"name": "job-x", "creationTimestamp": "<3d>"},
             "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Succeeded", "containerStatuses": [{"name": "a",
               "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}}
            """, List.of("job-x", "0/1", "Completed", "0", "3d", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("a container that exited without a reason reads ExitCode:3", """
            {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Failed", "containerStatuses": [{"name": "a",
               "state": {"terminated": {"exitCode": 3}}}]}}
            """, List.of("p", "0/1", "ExitCode:3", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("a container killed by a signal reads Signal:15", """
            {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Failed", "containerStatuses": [{"name": "a",
               "state": {"terminated": {"exitCode": 143, "signal": 15}}}]}}
            """, List.of("p", "0/1", "Signal:15", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("a completed container beside a running one reads Running in a ready pod", """
            {"metadata": {"name": "p"},
             "spec": {"containers": [{"name": "server"}, {"name": "setup"}]},
             "status": {"phase": "Running",
               "conditions": [{"type": "Ready", "status": "True"}],
               "containerStatuses": [
                 {"name": "server", "ready": true, "state": {"running": {}}},
                 {"name": "setup", "ready": false,
                   "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}}
            """, List.of("p", "1/2", "Running", "0", "<unknown>", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("a completed container beside a running one reads NotReady otherwise", """
            {"metadata": {"name": "p"},
             "spec": {"containers": [{"name": "server"}, {"name": "setup"}]},
             "status": {"phase": "Running",
               "conditions": [{"type": "Ready", "status": "False"}],
               "containerStatuses": [
                 {"name": "server", "ready": true, "state": {"running": {}}},
                 {"name": "setup", "ready": false,
                   "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}}
            """, List.of("p", "1/2", "NotReady", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("a running pod with a deletion timestamp reads Terminating", """
            {"metadata": {"name": "p", "deletionTimestamp": "<1s>"},
             "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Running", "containerStatuses": [{"name": "a", "ready": true,
               "state": {"running": {}}}]}}
            """, List.of("p", "1/1", "Terminating", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("a deleted pod on a lost node reads Unknown", """
            {"metadata": {"name": "p", "deletionTimestamp": "<1s>"},
             "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Running", "reason": "NodeLost"}}
            """, List.of("p", "0/1", "Unknown", "0", "<unknown>", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("a finished pod being deleted is not Terminating", """
            {"metadata": {"name": "p", "deletionTimestamp": "<1s>"},
             "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Succeeded", "containerStatuses": [{"name": "a",
               "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}}
            """, List.of("p", "0/1", "Completed", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("an evicted pod shows the status reason", """
            {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Failed", "reason": "Evicted"}}
            """, List.of("p", "0/1", "Evicted", "0", "<unknown>", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("a pod held by scheduling gates reads SchedulingGated", """
            {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled",
               "status": "False", "reason": "SchedulingGated"}]}}
            """, List.of("p", "0/1", "SchedulingGated", "0", "<unknown>", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("sidecar init containers count toward ready, total and restarts", """
            {"metadata": {"name": "mesh", "creationTimestamp": "<1d>"},
             "spec": {"initContainers": [{"name": "proxy", "restartPolicy": "Always"}],
               "containers": [{"name": "app"}]},
             "status": {"phase": "Running",
               "conditions": [{"type": "Initialized", "status": "True"},
                 {"type": "Ready", "status": "True"}],
               "initContainerStatuses": [{"name": "proxy", "started": true, "ready": true,
                 "restartCount": 2, "state": {"running": {}},
                 "lastState": {"terminated": {"exitCode": 1, "finishedAt": "<10m>"}}}],
               "containerStatuses": [{"name": "app", "ready": true, "restartCount": 1,
                 "state": {"running": {}},
                 "lastState": {"terminated": {"exitCode": 1, "finishedAt": "<2m>"}}}]}}
            """, List.of("mesh", "2/2", "Running", "3 (2m ago)", "24h", "<none>", "<none>",
            "<none>", "<none>")),
        new Case("readiness gates count the conditions that hold", """
            {"metadata": {"name": "p"},
             "spec": {"containers": [{"name": "a"}],
               "readinessGates": [{"conditionType": "example.com/lb"},
                 {"conditionType": "example.com/dns"}]},
             "status": {"phase": "Running",
               "conditions": [{"type": "example.com/lb", "status": "True"},
                 {"type": "example.com/dns", "status": "False"}]}}
            """, List.of("p", "0/1", "Running", "0", "<unknown>", "<none>", "<none>", "<none>",
            "1/2")),
        new Case("wide columns show the first pod IP, the node and the nominated node", """
            {"metadata": {"name": "p"},
             "spec": {"nodeName": "node-2", "containers": [{"name": "a"}]},
             "status": {"phase": "Pending", "nominatedNodeName": "node-3",
               "podIPs": [{"ip": "fd00::7"}, {"ip": "10.0.0.7"}]}}
            """, List.of("p", "0/1", "Pending", "0", "<unknown>", "fd00::7", "node-2", "node-3",
            "<none>")),
        new Case("restarts without a termination time show only the count", """
            {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
             "status": {"phase": "Running", "containerStatuses": [{"name": "a", "ready": true,
               "restartCount": 4, "state": {"running": {}}}]}}
            """, List.of("p", "1/1", "Running", "4", "<unknown>", "<none>", "<none>", "<none>",
            "<none>")),
        new Case("an empty object prints without failing", "{}",
            List.of("", "0/0", "", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void printsPodsAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.pod()))).containsExactlyElementsOf(c.want());
  }

  @Test
  void marksCompletedPodsWithARowCondition() {
    assertThat(printer.print(json("""
        {"metadata": {"name": "p"}, "status": {"phase": "Succeeded"}}"""), NOW).conditions())
        .containsExactly(PodPrinter.SUCCEEDED);
    assertThat(printer.print(json("""
        {"metadata": {"name": "p"}, "status": {"phase": "Failed"}}"""), NOW).conditions())
        .containsExactly(PodPrinter.FAILED);
    assertThat(printer.print(json("""
        {"metadata": {"name": "p"}, "status": {"phase": "Running"}}"""), NOW).conditions())
        .isEmpty();
  }
}
