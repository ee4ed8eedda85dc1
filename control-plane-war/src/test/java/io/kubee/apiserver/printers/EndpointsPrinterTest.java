package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsPrinterTest {
  private final EndpointsPrinter printer = new EndpointsPrinter();

  /** Endpoints and their cells: NAME ENDPOINTS AGE. */
  record Case(String name, String endpoints, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> endpoints() {
    return Stream.of(
        new Case("endpoints without subsets read <none>", """
            {"metadata": {"name": "web", "creationTimestamp": "<2m>"}}
            """, List.of("web", "<none>", "2m")),
        new Case("each ready address is listed with its port", """
            {"metadata": {"name": "web"}, "subsets": [{
              "addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}],
              "ports": [{"port": 80, "protocol": "TCP"}]}]}
            """, List.of("web", "10.0.0.1:80,10.0.0.2:80", "<unknown>")),
        new Case("more than three addresses end in + N more...", """
            {"metadata": {"name": "web"}, "subsets": [{
              "addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}, {"ip": "10.0.0.3"},
                {"ip": "10.0.0.4"}, {"ip": "10.0.0.5"}],
              "ports": [{"port": 80}]}]}
            """, List.of("web", "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...",
            "<unknown>")),
        new Case("every port multiplies the addresses", """
            {"metadata": {"name": "web"}, "subsets": [{
              "addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}],
              "ports": [{"name": "http", "port": 80}, {"name": "https", "port": 443}]}]}
            """, List.of("web", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...",
            "<unknown>")),
        new Case("a subset without ports lists bare addresses", """
            {"metadata": {"name": "headless"}, "subsets": [{
              "addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}]}]}
            """, List.of("headless", "10.0.0.1,10.0.0.2", "<unknown>")),
        new Case("IPv6 addresses are bracketed", """
            {"metadata": {"name": "v6"}, "subsets": [{
              "addresses": [{"ip": "fd00::1"}], "ports": [{"port": 8080}]}]}
            """, List.of("v6", "[fd00::1]:8080", "<unknown>")),
        new Case("not-ready addresses are not listed", """
            {"metadata": {"name": "web"}, "subsets": [{
              "notReadyAddresses": [{"ip": "10.0.0.9"}], "ports": [{"port": 80}]}]}
            """, List.of("web", "", "<unknown>")),
        new Case("addresses count across subsets", """
            {"metadata": {"name": "web"}, "subsets": [
              {"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}]},
              {"addresses": [{"ip": "10.0.1.1"}, {"ip": "10.0.1.2"}], "ports": [{"port": 81}]}]}
            """, List.of("web", "10.0.0.1:80,10.0.0.2:80,10.0.1.1:81 + 1 more...",
            "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void printsEndpointsAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.endpoints()))).containsExactlyElementsOf(c.want());
  }
}
