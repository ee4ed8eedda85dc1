package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fieldValidation=Strict|Warn|Ignore on creates, updates and patches. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FieldValidationIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final String TYPO = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
      + "{\"name\":\"NAME\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\","
      + "\"imagePullPolice\":\"Always\"}]}}";

  @Test
  void strictRefusesUnknownFields() {
    Reply reply = api.call("POST", PODS + "?fieldValidation=Strict", TYPO.replace("NAME", "s"),
        "application/json");
    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.text("/message")).isEqualTo("Pod in version \"v1\" cannot be handled as a "
        + "Pod: strict decoding error: unknown field \"spec.containers[0].imagePullPolice\"");
    assertThat(api.get(PODS + "/s").code()).isEqualTo(404);
  }

  @Test
  void strictRefusesDuplicateFields() {
    Reply reply = api.call("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict",
        "{\"metadata\":{\"name\":\"d\",\"name\":\"e\"}}", "application/json");
    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.text("/message")).contains("duplicate field \"metadata.name\"");
  }

  @Test
  void warnIsTheDefaultAndDropsTheField() {
    var response = (ApiResponse.Entity) api.controlPlane().handler().handle(
        ControlPlaneExtension.request("POST", PODS, TYPO.replace("NAME", "w"), "application/json",
            null));
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers().get("Warning"))
        .isEqualTo("299 - \"unknown field \\\"spec.containers[0].imagePullPolice\\\"\"");
    assertThat(api.get(PODS + "/w").body().at("/spec/containers/0").has("imagePullPolice"))
        .isFalse();
  }

  @Test
  void ignoreDropsSilently() {
    var response = (ApiResponse.Entity) api.controlPlane().handler().handle(
        ControlPlaneExtension.request("POST", PODS + "?fieldValidation=Ignore",
            TYPO.replace("NAME", "i"), "application/json", null));
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers()).doesNotContainKey("Warning");
  }

  @Test
  void strictPatchesAreInvalid() {
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'p'}}");
    Reply reply = api.call("PATCH", "/api/v1/namespaces/default/configmaps/p?fieldValidation=Strict",
        "{\"dataa\":{\"x\":\"y\"}}", "application/merge-patch+json");
    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.text("/message")).contains("unknown field \"dataa\"");
  }

  @Test
  void anUnknownDirectiveIsABadRequest() {
    Reply reply = api.call("POST", PODS + "?fieldValidation=Loose", TYPO.replace("NAME", "x"),
        "application/json");
    assertThat(reply.code()).isEqualTo(400);
  }
}
