package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, mistyped and invalid bodies get Kubernetes' 4xx Status answers, and never disturb
 * what is stored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String VALID_POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
      + "{\"name\":\"victim\",\"labels\":{\"app\":\"x\"}},\"spec\":{\"containers\":"
      + "[{\"name\":\"c\",\"image\":\"busybox\",\"ports\":[{\"containerPort\":80}]}]}}";

  record Case(String name, String method, String path, String body, String contentType,
      int code, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String pods = "/api/v1/namespaces/default/pods";
    return Stream.of(
        new Case("truncated JSON", "POST", pods, "{\"metadata\":{", "application/json", 400,
            "BadRequest"),
        new Case("an array instead of an object", "POST", pods, "[1,2]", "application/json", 400,
            "BadRequest"),
        new Case("an empty body", "POST", pods, "", "application/json", 400, "BadRequest"),
        new Case("a string where a number belongs", "POST", pods,
            VALID_POD.replace("\"containerPort\":80", "\"containerPort\":\"eighty\""),
            "application/json", 400, "BadRequest"),
        new Case("metadata that is not an object", "POST", pods,
            "{\"metadata\":\"x\"}", "application/json", 400, "BadRequest"),
        new Case("the wrong kind for the URL", "POST", pods,
            VALID_POD.replace("\"kind\":\"Pod\"", "\"kind\":\"Service\""), "application/json", 400,
            "BadRequest"),
        new Case("the wrong apiVersion for the URL", "POST", pods,
            VALID_POD.replace("\"apiVersion\":\"v1\"", "\"apiVersion\":\"apps/v1\""),
            "application/json", 400, "BadRequest"),
        new Case("a namespace different from the URL's", "POST", pods,
            VALID_POD.replace("\"name\":\"victim\"", "\"name\":\"n\",\"namespace\":\"kube-system\""),
            "application/json", 400, "BadRequest"),
        new Case("a name that is not DNS-1123", "POST", pods,
            VALID_POD.replace("\"name\":\"victim\"", "\"name\":\"Not_Valid\""),
            "application/json", 422, "Invalid"),
        new Case("no containers", "POST", pods,
            "{\"metadata\":{\"name\":\"empty\"},\"spec\":{\"containers\":[]}}",
            "application/json", 422, "Invalid"),
        new Case("no name at all", "POST", "/api/v1/namespaces/default/configmaps",
            "{\"data\":{}}", "application/json", 422, "Invalid"),
        new Case("YAML that is not YAML", "POST", pods, "a: [b\n c: :", "application/yaml", 400,
            "BadRequest"),
        new Case("a form-encoded body", "POST", pods, "a=b", "application/x-www-form-urlencoded",
            415, "UnsupportedMediaType"),
        new Case("a protobuf body", "POST", "/api/v1/namespaces/default/configmaps", "k8s\0x",
            "text/plain", 415, "UnsupportedMediaType"),
        new Case("an update whose name differs from the URL", "PUT", pods + "/victim",
            VALID_POD.replace("\"name\":\"victim\"", "\"name\":\"other\""), "application/json",
            400, "BadRequest"),
        new Case("a stale update", "PUT", pods + "/victim",
            VALID_POD.replace("\"name\":\"victim\"",
                "\"name\":\"victim\",\"resourceVersion\":\"1\""), "application/json", 409,
            "Conflict"),
        new Case("an update with a non-numeric resourceVersion", "PUT", pods + "/victim",
            VALID_POD.replace("\"name\":\"victim\"",
                "\"name\":\"victim\",\"resourceVersion\":\"abc\""), "application/json", 400,
            "BadRequest"),
        new Case("a create that carries a resourceVersion", "POST", pods,
            VALID_POD.replace("\"name\":\"victim\"",
                "\"name\":\"fresh\",\"resourceVersion\":\"5\""), "application/json", 400,
            "BadRequest"),
        new Case("an unknown resource", "GET", "/api/v1/namespaces/default/gizmos", null, null,
            404, "NotFound"),
        new Case("an unknown group", "GET", "/apis/example.com/v1/things", null, null, 404,
            "NotFound"),
        new Case("a patch of no patch type", "PATCH", pods + "/victim", "{}",
            "application/json", 415, "UnsupportedMediaType"),
        new Case("a JSON patch whose test fails", "PATCH", pods + "/victim",
            "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]",
            "application/json-patch+json", 422, "Invalid"),
        new Case("a strategic patch missing a merge key", "PATCH", pods + "/victim",
            "{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}",
            "application/strategic-merge-patch+json", 422, "Invalid"),
        new Case("an invalid dryRun", "POST", pods + "?dryRun=Some", VALID_POD,
            "application/json", 400, "BadRequest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithTheKubernetesStatus(Case c) {
    seedVictim();
    String before = api.get("/api/v1/namespaces/default/pods").body().path("items").toString();
    Reply reply = api.call(c.method(), c.path(), c.body(), c.contentType());
    assertThat(reply.code()).as(reply.body().toString()).isEqualTo(c.code());
    assertThat(reply.text("/kind")).isEqualTo("Status");
    assertThat(reply.text("/status")).isEqualTo("Failure");
    assertThat(reply.text("/reason")).isEqualTo(c.reason());
    assertThat(reply.text("/message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    String after = api.get("/api/v1/namespaces/default/pods").body().path("items").toString();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void invalidFieldsAreListedAsCauses() {
    Reply reply = api.post("/api/v1/namespaces/default/pods",
        "{'metadata':{'name':'Bad_Name'},'spec':{'containers':[{'name':'c'}]}}");
    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.text("/message")).startsWith("Pod \"Bad_Name\" is invalid: ");
    List<String> fields = new ArrayList<>();
    reply.body().at("/details/causes").forEach(cause -> fields.add(cause.path("field").asString()));
    assertThat(fields).contains("metadata.name", "spec.containers[0].image");
  }

  /**
   * Two hundred mutations of a valid body: each is answered 2xx or a 4xx Status, never 5xx, and
   * a rejected request leaves the stored object exactly as it was.
   */
  @Test
  void twoHundredMangledBodiesNeverBreakTheServer() {
    seedVictim();
    Random random = new Random(42);
    Set<Integer> allowed = Set.of(400, 404, 409, 413, 415, 422);
    int rejected = 0;
    for (int i = 0; i < 200; i++) {
      String stored = api.get("/api/v1/namespaces/default/pods/victim").body().toString();
      String body = mangle(VALID_POD, random);
      Reply reply = i % 2 == 0
          ? api.call("PUT", "/api/v1/namespaces/default/pods/victim", body, "application/json")
          : api.call("POST", "/api/v1/namespaces/default/pods",
              body.replace("victim", "fuzz-" + i), "application/json");
      if (reply.code() >= 300) {
        rejected++;
        assertThat(allowed).as("body %s answered %s", body, reply.body()).contains(reply.code());
        assertThat(reply.text("/kind")).isEqualTo("Status");
        assertThat(api.get("/api/v1/namespaces/default/pods/victim").body().toString())
            .as("after rejecting %s", body).isEqualTo(stored);
      }
    }
    assertThat(rejected).isGreaterThan(100);
  }

  private static void seedVictim() {
    if (api.get("/api/v1/namespaces/default/pods/victim").code() == 404) {
      assertThat(api.call("POST", "/api/v1/namespaces/default/pods", VALID_POD,
          "application/json").code()).isEqualTo(201);
    }
  }

  /** Cuts, duplicates, swaps or retypes a piece of the body. */
  private static String mangle(String body, Random random) {
    int at = random.nextInt(body.length());
    return switch (random.nextInt(6)) {
      case 0 -> body.substring(0, at);
      case 1 -> body.substring(0, at) + body.substring(Math.min(body.length(), at + 5));
      case 2 -> body.substring(0, at) + "\"" + body.substring(at);
      case 3 -> body.substring(0, at) + "{" + body.substring(at);
      case 4 -> body.replace("80", random.nextBoolean() ? "\"80\"" : "99999999999");
      default -> body.substring(0, at) + (char) (random.nextInt(0x7f - 0x20) + 0x20)
          + body.substring(at);
    };
  }
}
