package io.kubee.apiserver.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestInfoParserTest {

  record Case(String name, String method, String path, String watch, RequestInfo want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("namespaced collection list", "GET", "/api/v1/namespaces/default/pods", null,
            info("list", "", "v1", "default", "pods", "", "")),
        new Case("namespaced object get", "GET", "/api/v1/namespaces/default/pods/web", null,
            info("get", "", "v1", "default", "pods", "web", "")),
        new Case("all-namespaces list", "GET", "/api/v1/pods", null,
            info("list", "", "v1", "", "pods", "", "")),
        new Case("watch parameter turns a list into a watch", "GET",
            "/api/v1/namespaces/default/pods", "true",
            info("watch", "", "v1", "default", "pods", "", "")),
        new Case("watch=false stays a list", "GET", "/api/v1/pods", "false",
            info("list", "", "v1", "", "pods", "", "")),
        new Case("legacy watch prefix", "GET", "/api/v1/watch/namespaces/default/pods/web", null,
            info("watch", "", "v1", "default", "pods", "web", "")),
        new Case("create is a POST to a collection", "POST", "/api/v1/namespaces/ns1/configmaps",
            null, info("create", "", "v1", "ns1", "configmaps", "", "")),
        new Case("update of the status subresource", "PUT",
            "/api/v1/namespaces/default/pods/web/status", null,
            info("update", "", "v1", "default", "pods", "web", "status")),
        new Case("delete of a collection", "DELETE", "/api/v1/namespaces/default/pods", null,
            info("deletecollection", "", "v1", "default", "pods", "", "")),
        new Case("a namespace object names itself", "GET", "/api/v1/namespaces/kube-system", null,
            info("get", "", "v1", "kube-system", "namespaces", "kube-system", "")),
        new Case("namespace status is a subresource, not a collection", "PUT",
            "/api/v1/namespaces/ns1/status", null,
            info("update", "", "v1", "ns1", "namespaces", "ns1", "status")),
        new Case("namespace finalize is a subresource", "PUT", "/api/v1/namespaces/ns1/finalize",
            null, info("update", "", "v1", "ns1", "namespaces", "ns1", "finalize")),
        new Case("cluster-scoped object", "PATCH", "/api/v1/nodes/node-1", null,
            info("patch", "", "v1", "", "nodes", "node-1", "")),
        new Case("named group", "GET", "/apis/apps/v1/namespaces/default/deployments/web", null,
            info("get", "apps", "v1", "default", "deployments", "web", "")),
        new Case("dotted group", "GET",
            "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", null,
            info("list", "coordination.k8s.io", "v1", "kube-node-lease", "leases", "", "")),
        new Case("deeper subresource paths keep their tail", "GET",
            "/api/v1/namespaces/default/pods/web/proxy/metrics", null,
            info("get", "", "v1", "default", "pods", "web", "proxy/metrics")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesResourceRequests(Case c) {
    RequestInfo got = RequestInfoParser.parse(c.method(), c.path(), c.watch());
    assertThat(got).usingRecursiveComparison().ignoringFields("path").isEqualTo(c.want());
    assertThat(got.path()).isEqualTo(c.path());
  }

  record Discovery(String name, String path, String group, String version) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Discovery> discovery() {
    return Stream.of(
        new Discovery("core root", "/api", "", ""),
        new Discovery("core version", "/api/v1", "", "v1"),
        new Discovery("groups root", "/apis", "", ""),
        new Discovery("one group", "/apis/apps", "apps", ""),
        new Discovery("one group version", "/apis/apps/v1", "apps", "v1"),
        new Discovery("trailing slash", "/api/v1/", "", "v1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("discovery")
  void discoveryPathsAreNotResourceRequests(Discovery c) {
    RequestInfo got = RequestInfoParser.parse("GET", c.path(), null);
    assertThat(got.resourceRequest()).isFalse();
    assertThat(got.group()).isEqualTo(c.group());
    assertThat(got.version()).isEqualTo(c.version());
  }

  private static RequestInfo info(String verb, String group, String version, String namespace,
      String resource, String name, String subresource) {
    return new RequestInfo(true, "", verb, group, version, namespace, resource, name, subresource);
  }
}
