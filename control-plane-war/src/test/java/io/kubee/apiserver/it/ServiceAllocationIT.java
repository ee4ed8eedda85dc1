package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubee.apiserver.ControlPlane;
import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cluster IPs and node ports: allocated, reserved, unique, released. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceAllocationIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension(
      new ControlPlane.Settings("10.96.0.0/28", 30000, 30004, Duration.ofSeconds(1)));

  private static final String SERVICES = "/api/v1/namespaces/default/services";

  @Test
  void everyServiceGetsItsOwnClusterIpFromTheRange() {
    Set<String> ips = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      Reply created = service("svc-" + i, "", "");
      assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
      String ip = created.text("/spec/clusterIP");
      assertThat(ip).startsWith("10.96.0.").isNotIn("10.96.0.0", "10.96.0.15");
      assertThat(created.body().at("/spec/clusterIPs/0").asString()).isEqualTo(ip);
      assertThat(created.body().at("/spec/ipFamilies/0").asString()).isEqualTo("IPv4");
      assertThat(ips.add(ip)).as("unique").isTrue();
    }
  }

  @Test
  void aRequestedIpIsReservedOnceAndMustBeInTheRange() {
    Reply first = service("pinned", "", "");
    String ip = first.text("/spec/clusterIP");
    Reply taken = service("pinned-again", "'clusterIP':'" + ip + "',", "");
    assertThat(taken.code()).isEqualTo(422);
    assertThat(taken.text("/message")).contains("provided IP is already allocated");
    Reply outside = service("elsewhere", "'clusterIP':'10.0.0.1',", "");
    assertThat(outside.code()).isEqualTo(422);
    assertThat(outside.text("/message")).contains("The range of valid IPs is 10.96.0.0/28");
  }

  @Test
  void headlessAndExternalNameServicesGetNoIp() {
    assertThat(service("headless", "'clusterIP':'None',", "").body().at("/spec/clusterIPs/0")
        .asString()).isEqualTo("None");
    Reply external = api.post(SERVICES, "{'metadata':{'name':'ext'},'spec':"
        + "{'type':'ExternalName','externalName':'example.com'}}");
    assertThat(external.code()).as(external.body().toString()).isEqualTo(201);
    assertThat(external.body().at("/spec/clusterIP").isMissingNode()).isTrue();
  }

  @Test
  void nodePortServicesGetNodePortsAndDuplicatesAreRefused() {
    Reply nodePort = service("np", "'type':'NodePort',", "");
    assertThat(nodePort.code()).as(nodePort.body().toString()).isEqualTo(201);
    int port = nodePort.body().at("/spec/ports/0/nodePort").asInt();
    assertThat(port).isBetween(30000, 30004);
    Reply duplicate = service("np-dup", "'type':'NodePort',", ",'nodePort':" + port);
    assertThat(duplicate.code()).isEqualTo(422);
    assertThat(duplicate.text("/message")).contains("provided port is already allocated");
  }

  @Test
  void deletedServicesGiveTheirAllocationsBack() {
    Reply created = service("short-lived", "", "");
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    String ip = created.text("/spec/clusterIP");
    assertThat(api.delete(SERVICES + "/short-lived").code()).isEqualTo(200);
    // the repair loop (every second here) releases it after its grace period
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
        service("reuser", "'clusterIP':'" + ip + "',", "").code() == 201);
  }

  private static Reply service(String name, String specExtra, String portExtra) {
    return api.post(SERVICES, "{'metadata':{'name':'" + name + "'},'spec':{" + specExtra
        + "'selector':{'app':'x'},'ports':[{'port':80" + portExtra + "}]}}");
  }
}
