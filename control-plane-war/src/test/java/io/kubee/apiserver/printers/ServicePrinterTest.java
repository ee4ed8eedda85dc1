package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServicePrinterTest {
  private final ServicePrinter printer = new ServicePrinter();

  /** A service and its cells: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR. */
  record Case(String name, String service, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> services() {
    return Stream.of(
        new Case("a cluster IP service with two ports and a selector", """
            {"metadata": {"name": "web", "creationTimestamp": "<1h>"},
             "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10",
               "clusterIPs": ["10.96.0.10"], "selector": {"tier": "front", "app": "web"},
               "ports": [{"port": 80, "protocol": "TCP"}, {"port": 443, "protocol": "TCP"}]}}
            """, List.of("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,443/TCP", "60m",
            "app=web,tier=front")),
        new Case("a node port shows port:nodePort", """
            {"metadata": {"name": "np"},
             "spec": {"type": "NodePort", "clusterIPs": ["10.96.0.11"],
               "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"},
                 {"port": 53, "nodePort": 30053, "protocol": "UDP"}]}}
            """, List.of("np", "NodePort", "10.96.0.11", "<none>", "80:30080/TCP,53:30053/UDP",
            "<unknown>", "<none>")),
        new Case("a load balancer without an address is pending", """
            {"metadata": {"name": "lb"},
             "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.12"],
               "ports": [{"port": 443, "nodePort": 30443, "protocol": "TCP"}]},
             "status": {"loadBalancer": {}}}
            """, List.of("lb", "LoadBalancer", "10.96.0.12", "<pending>", "443:30443/TCP",
            "<unknown>", "<none>")),
        new Case("a load balancer lists its ingress addresses sorted, unclipped and unique", """
            {"metadata": {"name": "lb"},
             "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.12"]},
             "status": {"loadBalancer": {"ingress": [
               {"hostname": "a-very-long-load-balancer-name.elb.example.com"},
               {"ip": "198.51.100.7"}, {"ip": "198.51.100.7"}]}}}
            """, List.of("lb", "LoadBalancer", "10.96.0.12",
            "198.51.100.7,a-very-long-load-balancer-name.elb.example.com", "<none>",
            "<unknown>", "<none>")),
        new Case("a load balancer with external IPs lists both", """
            {"metadata": {"name": "lb"},
             "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.12"],
               "externalIPs": ["203.0.113.9"]},
             "status": {"loadBalancer": {"ingress": [{"ip": "198.51.100.7"}]}}}
            """, List.of("lb", "LoadBalancer", "10.96.0.12", "198.51.100.7,203.0.113.9",
            "<none>", "<unknown>", "<none>")),
        new Case("a cluster IP service with external IPs lists them", """
            {"metadata": {"name": "ext"},
             "spec": {"type": "ClusterIP", "clusterIPs": ["10.96.0.13"],
               "externalIPs": ["203.0.113.1", "203.0.113.2"]}}
            """, List.of("ext", "ClusterIP", "10.96.0.13", "203.0.113.1,203.0.113.2", "<none>",
            "<unknown>", "<none>")),
        new Case("an external name service shows the name it aliases", """
            {"metadata": {"name": "db"},
             "spec": {"type": "ExternalName", "externalName": "db.example.com"}}
            """, List.of("db", "ExternalName", "<none>", "db.example.com", "<none>", "<unknown>",
            "<none>")),
        new Case("a headless service shows None", """
            {"metadata": {"name": "hl"},
             "spec": {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"],
               "selector": {"app": "db"}, "ports": [{"port": 5432, "protocol": "TCP"}]}}
            """, List.of("hl", "ClusterIP", "None", "<none>", "5432/TCP", "<unknown>",
            "app=db")),
        new Case("clusterIP stands in for a missing clusterIPs", """
            {"metadata": {"name": "old"}, "spec": {"type": "ClusterIP", "clusterIP": "10.0.0.9"}}
            """, List.of("old", "ClusterIP", "10.0.0.9", "<none>", "<none>", "<unknown>",
            "<none>")),
        new Case("an undefaulted service prints as a TCP cluster IP service", """
            {"metadata": {"name": "raw"}, "spec": {"ports": [{"port": 8080}]}}
            """, List.of("raw", "ClusterIP", "<none>", "<none>", "8080/TCP", "<unknown>",
            "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void printsServicesAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.service()))).containsExactlyElementsOf(c.want());
  }
}
