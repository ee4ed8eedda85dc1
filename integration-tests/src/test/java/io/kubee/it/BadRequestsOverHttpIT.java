package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Http.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two hundred malformed, oversized and mistyped requests against the deployed EAR: every one is
 * answered with a 4xx Kubernetes Status, and what was stored before is unchanged after.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadRequestsOverHttpIT {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  // no scheduler takes the pod: a binding by the EAR's scheduler would change it meanwhile
  private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":"
      + "\"NAME\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"restartPolicy\":\"Always\","
      + "\"schedulerName\":\"kubee-test-unscheduled\","
      + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"ports\":[{\"containerPort\":80}]"
      + "}]}}";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  /** One bad request and the answer it must get. */
  record Bad(String what, String method, String path, byte[] body, String contentType,
      boolean chunked, int code) {}

  @Test
  void twoHundredBadRequestsGetStatusAnswersAndChangeNothing() throws Exception {
    Reply victim = Http.post(PODS, POD.replace("NAME", "victim"), "application/json");
    assertThat(victim.code()).isEqualTo(201);
    Http.post("/api/v1/namespaces/default/configmaps",
        "{\"metadata\":{\"name\":\"keep\"},\"data\":{\"k\":\"v\"}}", "application/json");
    String podsBefore = Http.get(PODS).json().path("items").toString();
    String configMapsBefore =
        Http.get("/api/v1/namespaces/default/configmaps").json().path("items").toString();
    String stale = victim.text("/metadata/resourceVersion");
    Http.put(PODS + "/victim", victim.body().replace("\"app\":\"web\"", "\"app\":\"web2\""));
    podsBefore = Http.get(PODS).json().path("items").toString();

    List<Bad> requests = requests(stale);
    assertThat(requests).hasSize(200);
    Set<Integer> clientErrors = Set.of(400, 404, 405, 409, 413, 415, 422);
    for (Bad bad : requests) {
      Reply reply = send(bad);
      assertThat(reply.code()).as("%s answered %s", bad.what(), reply.body())
          .isEqualTo(bad.code()).isIn(clientErrors);
      assertThat(reply.contentType()).as(bad.what()).startsWith("application/json");
      assertThat(reply.text("/kind")).as(bad.what()).isEqualTo("Status");
      assertThat(reply.text("/status")).isEqualTo("Failure");
      assertThat(reply.json().path("code").asInt()).isEqualTo(bad.code());
      assertThat(reply.text("/message")).as(bad.what()).isNotBlank()
          .doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(Http.get(PODS).json().path("items").toString()).isEqualTo(podsBefore);
    assertThat(Http.get("/api/v1/namespaces/default/configmaps").json().path("items").toString())
        .isEqualTo(configMapsBefore);
  }

  @Test
  void pathsOutsideTheApiAnswerStatusesToo() {
    Reply unknown = Http.get("/no/such/path");
    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.text("/kind")).isEqualTo("Status");
    Reply method = Http.send("POST", "/version", "{}", "application/json");
    assertThat(method.code()).isEqualTo(405);
    assertThat(method.text("/kind")).isEqualTo("Status");
    Reply accept = Http.get("/api/v1/namespaces", "image/png");
    assertThat(accept.code()).isEqualTo(406);
    assertThat(accept.text("/reason")).isEqualTo("NotAcceptable");
  }

  private static List<Bad> requests(String staleVersion) {
    List<Bad> bad = new ArrayList<>();
    String valid = POD.replace("NAME", "fresh");
    // 60 truncations: never a whole object
    for (int i = 0; i < 60; i++) {
      int cut = 1 + i * (valid.length() - 2) / 60;
      bad.add(json("truncated at " + cut, "POST", PODS, valid.substring(0, cut), 400));
    }
    // 30 fields of the wrong type
    String[][] retyped = {
        {"\"containerPort\":80", "\"containerPort\":\"eighty\""},
        {"\"containerPort\":80", "\"containerPort\":[80]"},
        {"\"containerPort\":80", "\"containerPort\":{\"n\":80}"},
        {"\"containerPort\":80", "\"containerPort\":99999999999999"},
        {"\"labels\":{\"app\":\"web\"}", "\"labels\":[\"app\"]"},
        {"\"labels\":{\"app\":\"web\"}", "\"labels\":\"app=web\""},
        {"\"containers\":[", "\"containers\":{\"x\":["},
        {"\"metadata\":{", "\"metadata\":[{"},
        {"\"spec\":{", "\"spec\":[{"},
        {"\"image\":\"busybox\"", "\"image\":{\"name\":\"busybox\"}"},
    };
    for (int i = 0; i < 30; i++) {
      String[] swap = retyped[i % retyped.length];
      String body = valid.replace(swap[0], swap[1]);
      if (body.equals(valid)) {
        throw new IllegalStateException("no change: " + swap[0]);
      }
      bad.add(json("retyped " + swap[0] + " #" + i, i % 2 == 0 ? "POST" : "PUT",
          i % 2 == 0 ? PODS : PODS + "/victim",
          i % 2 == 0 ? body : body.replace("fresh", "victim"), 400));
    }
    // 30 invalid values
    String[][] invalid = {
        {"\"name\":\"fresh\"", "\"name\":\"Fresh_Pod\""},
        {"\"name\":\"fresh\"", "\"name\":\"" + "x".repeat(300) + "\""},
        {"\"name\":\"fresh\"", "\"name\":\"-fresh\""},
        {"\"image\":\"busybox\"", "\"image\":\"\""},
        {"\"restartPolicy\":\"Always\"", "\"restartPolicy\":\"Sometimes\""},
        {"\"containerPort\":80", "\"containerPort\":70000"},
        {"\"name\":\"c\"", "\"name\":\"Not A Name\""},
        {"\"app\":\"web\"", "\"app\":\"" + "v".repeat(64) + "\""},
        {"\"labels\":{\"app\":\"web\"}", "\"labels\":{\"bad key!\":\"x\"}"},
        {"\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"ports\":[{\"containerPort\":80}]}]",
            "\"containers\":[]"},
    };
    for (int i = 0; i < 30; i++) {
      String[] swap = invalid[i % invalid.length];
      bad.add(json("invalid " + swap[1] + " #" + i, "POST", PODS, valid.replace(swap[0], swap[1]),
          422));
    }
    // 20 bodies of a type the server does not read (protobuf it reads since kubectl's create
    // subcommands send it; CBOR is behind a feature gate Kubernetes 1.32 leaves off)
    String[] mediaTypes = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
        "application/cbor", "application/octet-stream"};
    for (int i = 0; i < 20; i++) {
      String type = mediaTypes[i % mediaTypes.length];
      bad.add(new Bad("media type " + type, "POST", PODS, bytes(valid), type, false, 415));
    }
    // 20 bodies over 3 MiB, half without a Content-Length
    byte[] huge = bytes("{\"metadata\":{\"name\":\"huge\"},\"data\":{\"k\":\""
        + "x".repeat(3 * 1024 * 1024) + "\"}}");
    for (int i = 0; i < 20; i++) {
      bad.add(new Bad("oversized #" + i, i % 2 == 0 ? "POST" : "PUT",
          i % 2 == 0 ? "/api/v1/namespaces/default/configmaps"
              : "/api/v1/namespaces/default/configmaps/keep",
          huge, "application/json", i % 4 < 2, 413));
    }
    // 15 YAML documents that are not objects or not YAML
    String[] yaml = {"a: [b\n c: :", "- just\n- a list", "key: 'unterminated", "\t: tab", "42",
        "{{{", "? complex\n: key\n: twice", "&a [*a]", "!!binary zz", "apiVersion: v1\nkind: ["};
    for (int i = 0; i < 15; i++) {
      bad.add(new Bad("yaml " + yaml[i % yaml.length], "POST", PODS,
          bytes(yaml[i % yaml.length]), "application/yaml", false, 400));
    }
    // 10 bodies for another resource
    for (int i = 0; i < 10; i++) {
      String body = i % 2 == 0 ? valid.replace("\"kind\":\"Pod\"", "\"kind\":\"Service\"")
          : valid.replace("\"apiVersion\":\"v1\"", "\"apiVersion\":\"apps/v1\"");
      bad.add(json("wrong type #" + i, "POST", PODS, body, 400));
    }
    // 10 conflicts: stale updates and creates of what exists
    for (int i = 0; i < 10; i++) {
      if (i % 2 == 0) {
        bad.add(json("stale update #" + i, "PUT", PODS + "/victim", POD.replace("NAME", "victim")
            .replace("\"name\":\"victim\"", "\"name\":\"victim\",\"resourceVersion\":\""
                + staleVersion + "\""), 409));
      } else {
        bad.add(json("existing #" + i, "POST", PODS, POD.replace("NAME", "victim"), 409));
      }
    }
    // 5 requests for things that do not exist
    for (int i = 0; i < 5; i++) {
      bad.add(json("missing namespace #" + i, "POST", "/api/v1/namespaces/ghost-" + i + "/pods",
          valid, 404));
    }
    return bad;
  }

  private static Bad json(String what, String method, String path, String body, int code) {
    return new Bad(what, method, path, bytes(body), "application/json", false, code);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Reply send(Bad bad) {
    HttpRequest.BodyPublisher body = bad.chunked()
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bad.body()))
        : HttpRequest.BodyPublishers.ofByteArray(bad.body());
    return Http.send(HttpRequest.newBuilder(Http.uri(bad.path()))
        .method(bad.method(), body)
        .header("Content-Type", bad.contentType()));
  }
}
