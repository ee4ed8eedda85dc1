package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Lists: namespaces, label and field selectors, paging. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListAndSelectorsIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  @BeforeAll
  static void pods() {
    api.post("/api/v1/namespaces", "{'metadata':{'name':'other'}}");
    pod("default", "web-1", "{'app':'web','tier':'front'}", "node-1");
    pod("default", "web-2", "{'app':'web','tier':'back'}", "node-2");
    pod("default", "db-1", "{'app':'db'}", "node-1");
    pod("default", "bare", "{}", "");
    pod("other", "web-3", "{'app':'web','tier':'front'}", "node-2");
  }

  record Case(String name, String query, List<String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("equality", "labelSelector=app%3Dweb", List.of("web-1", "web-2")),
        new Case("double equals", "labelSelector=app%3D%3Dweb", List.of("web-1", "web-2")),
        new Case("inequality includes objects without the label", "labelSelector=app!%3Dweb",
            List.of("bare", "db-1")),
        new Case("set membership", "labelSelector=tier+in+(front,back)",
            List.of("web-1", "web-2")),
        new Case("set exclusion", "labelSelector=tier+notin+(front)",
            List.of("bare", "db-1", "web-2")),
        new Case("existence", "labelSelector=tier", List.of("web-1", "web-2")),
        new Case("absence", "labelSelector=!tier", List.of("bare", "db-1")),
        new Case("requirements are ANDed", "labelSelector=app%3Dweb,tier%3Dback",
            List.of("web-2")),
        new Case("field selector on the name", "fieldSelector=metadata.name%3Ddb-1",
            List.of("db-1")),
        new Case("field selector on the node", "fieldSelector=spec.nodeName%3Dnode-1",
            List.of("db-1", "web-1")),
        new Case("field selector on an empty node", "fieldSelector=spec.nodeName%3D",
            List.of("bare")),
        new Case("field selector on the phase", "fieldSelector=status.phase!%3DPending",
            List.of()),
        new Case("both selectors", "labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dnode-2",
            List.of("web-2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selectsInOneNamespace(Case c) {
    Reply reply = api.get("/api/v1/namespaces/default/pods?" + c.query());
    assertThat(reply.code()).isEqualTo(200);
    assertThat(names(reply.body())).containsExactlyElementsOf(c.want());
  }

  @Test
  void allNamespacesListSpansNamespacesAndCarriesTheListKind() {
    Reply reply = api.get("/api/v1/pods?labelSelector=app%3Dweb");
    assertThat(reply.text("/kind")).isEqualTo("PodList");
    assertThat(reply.text("/apiVersion")).isEqualTo("v1");
    assertThat(Long.parseLong(reply.text("/metadata/resourceVersion"))).isPositive();
    assertThat(names(reply.body())).containsExactly("web-1", "web-2", "web-3");
  }

  @Test
  void namespaceFieldSelectorNarrowsAnAllNamespacesList() {
    Reply reply = api.get("/api/v1/pods?fieldSelector=metadata.namespace%3Dother");
    assertThat(names(reply.body())).containsExactly("web-3");
  }

  @Test
  void pagesAreConsistentAndComplete() {
    List<String> seen = new ArrayList<>();
    String token = "";
    String resourceVersion = null;
    int pages = 0;
    do {
      Reply page = api.get("/api/v1/pods?limit=2" + (token.isEmpty() ? "" : "&continue=" + token));
      assertThat(page.code()).isEqualTo(200);
      assertThat(page.body().path("items").size()).isLessThanOrEqualTo(2);
      if (resourceVersion == null) {
        resourceVersion = page.text("/metadata/resourceVersion");
        // written after the first page: invisible to the rest of this list
        pod("default", "late", "{}", "");
      }
      assertThat(page.text("/metadata/resourceVersion")).isEqualTo(resourceVersion);
      seen.addAll(names(page.body()));
      token = page.text("/metadata/continue");
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("bare", "db-1", "web-1", "web-2", "web-3");
  }

  @Test
  void badSelectorsAndOptionsAre400() {
    assertThat(api.get("/api/v1/pods?labelSelector=a+in+(").code()).isEqualTo(400);
    Reply field = api.get("/api/v1/pods?fieldSelector=spec.bogus%3Dx");
    assertThat(field.code()).isEqualTo(400);
    assertThat(field.text("/message")).contains("field label not supported: spec.bogus");
    assertThat(api.get("/api/v1/pods?limit=many").code()).isEqualTo(400);
    assertThat(api.get("/api/v1/pods?resourceVersion=abc").code()).isEqualTo(400);
    assertThat(api.get("/api/v1/pods?continue=not-a-token").code()).isEqualTo(400);
    assertThat(api.get("/api/v1/pods?resourceVersionMatch=Exact").code()).isEqualTo(400);
  }

  @Test
  void exactResourceVersionReadsThePast() {
    String before = api.get("/api/v1/namespaces/default/configmaps").text("/metadata/resourceVersion");
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'after'}}");
    Reply past = api.get("/api/v1/namespaces/default/configmaps?resourceVersion=" + before
        + "&resourceVersionMatch=Exact");
    assertThat(past.code()).isEqualTo(200);
    assertThat(names(past.body())).doesNotContain("after");
  }

  private static void pod(String namespace, String name, String labels, String node) {
    Reply reply = api.post("/api/v1/namespaces/" + namespace + "/pods",
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'" + name + "','labels':" + labels
            + "},'spec':{" + (node.isEmpty() ? "" : "'nodeName':'" + node + "',")
            + "'containers':[{'name':'c','image':'busybox'}]}}");
    assertThat(reply.code()).as(reply.body().toString()).isEqualTo(201);
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("items").forEach(item -> names.add(item.at("/metadata/name").asString()));
    return names;
  }
}
