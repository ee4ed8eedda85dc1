package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** kubectl get's Table requests through the pipeline: lists, single objects and watches. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TablesIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String TABLE_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
          + "g=meta.k8s.io,application/json";

  @Test
  void listsArePrintedAsTables() {
    api.post("/api/v1/namespaces/default/pods", "{'metadata':{'name':'printed','labels':"
        + "{'app':'p'}},'spec':{'containers':[{'name':'a','image':'busybox'},"
        + "{'name':'b','image':'busybox'}]}}");
    JsonNode table = entity("/api/v1/namespaces/default/pods").body();
    assertThat(table.path("kind").asString()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
    List<String> columns = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asString()));
    assertThat(columns).startsWith("Name", "Ready", "Status", "Restarts", "Age");
    JsonNode row = table.at("/rows/0");
    assertThat(row.at("/cells/0").asString()).isEqualTo("printed");
    assertThat(row.at("/cells/1").asString()).isEqualTo("0/2");
    assertThat(row.at("/cells/2").asString()).isEqualTo("Pending");
    assertThat(row.at("/object/kind").asString()).isEqualTo("PartialObjectMetadata");
    assertThat(row.at("/object/metadata/labels/app").asString()).isEqualTo("p");
    assertThat(table.at("/metadata/resourceVersion").asString()).isNotEmpty();
  }

  @Test
  void oneObjectIsAOneRowTable() {
    api.post("/api/v1/namespaces/default/configmaps",
        "{'metadata':{'name':'counted'},'data':{'a':'1','b':'2'}}");
    JsonNode table = entity("/api/v1/namespaces/default/configmaps/counted").body();
    assertThat(table.path("rows").size()).isEqualTo(1);
    assertThat(table.at("/rows/0/cells/1").asInt()).isEqualTo(2);
  }

  @Test
  void watchEventsCarryOneRowTables() throws Exception {
    String rv = api.get("/api/v1/namespaces/default/secrets").text("/metadata/resourceVersion");
    ApiResponse.WatchStream stream = api.watch(
        "/api/v1/namespaces/default/secrets?watch=true&resourceVersion=" + rv, TABLE_ACCEPT, null);
    try (Watch watch = stream.watch()) {
      api.post("/api/v1/namespaces/default/secrets", "{'metadata':{'name':'w1'}}");
      api.post("/api/v1/namespaces/default/secrets", "{'metadata':{'name':'w2'}}");
      WatchEvent first = next(watch);
      WatchEvent second = next(watch);
      assertThat(first.object().path("kind").asString()).isEqualTo("Table");
      assertThat(first.object().path("columnDefinitions").isArray()).isTrue();
      assertThat(first.object().at("/rows/0/cells/0").asString()).isEqualTo("w1");
      assertThat(second.object().at("/rows/0/cells/0").asString()).isEqualTo("w2");
    }
  }

  private static ApiResponse.Entity entity(String path) {
    return (ApiResponse.Entity) api.controlPlane().handler()
        .handle(ControlPlaneExtension.request("GET", path, null, null, TABLE_ACCEPT));
  }

  private static WatchEvent next(Watch watch) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      WatchEvent event = watch.next(Duration.ofMillis(200));
      if (event != null && event.type() != WatchEvent.Type.BOOKMARK) {
        return event;
      }
    }
    throw new AssertionError("no event");
  }
}
