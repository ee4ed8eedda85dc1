package io.kubee.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContinueTokenTest {
  private static final String PREFIX = "/registry/pods/";

  @Test
  void encodesKubernetesFormat() {
    String token = ContinueToken.encode(PREFIX + "default/web-1\0", PREFIX, 42);

    assertThat(token).doesNotContain("=", "+", "/");
    String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"v\":\"meta.k8s.io/v1\",\"rv\":42,\"start\":\"default/web-1\\u0000\"}");
  }

  @Test
  void roundTrips() {
    String token = ContinueToken.encode(PREFIX + "default/web-1\0", PREFIX, 42);

    assertThat(ContinueToken.decode(token, PREFIX))
        .isEqualTo(new ContinueToken(42, PREFIX + "default/web-1\0"));
  }

  @Test
  void readsATokenOfKubeApiserver() {
    // as kube-apiserver writes it: Go escapes the NUL ending the next key as a JSON \\u escape
    String token = "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzNDUsInN0YXJ0Ijoia3ViZS1zeXN0ZW0vY29yZWRucy0xXHUwMDAwIn0";

    assertThat(ContinueToken.decode(token, PREFIX))
        .isEqualTo(new ContinueToken(12345, PREFIX + "kube-system/coredns-1\0"));
  }

  record Case(String name, String token) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalidTokens() {
    return Stream.of(
        new Case("not base64 is invalid", "%%%"),
        new Case("not JSON is invalid", b64("hello")),
        new Case("a JSON array is invalid", b64("[1]")),
        new Case("another version is invalid", b64("{\"v\":\"v2\",\"rv\":5,\"start\":\"a\"}")),
        new Case("a missing revision is invalid", b64("{\"v\":\"meta.k8s.io/v1\",\"start\":\"a\"}")),
        new Case("a zero revision is invalid", b64("{\"v\":\"meta.k8s.io/v1\",\"rv\":0,\"start\":\"a\"}")),
        new Case("an empty start is invalid", b64("{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"\"}")),
        new Case("climbing out of the prefix is invalid",
            b64("{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"../secrets/x\"}")),
        new Case("a dot segment is invalid",
            b64("{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"a/./b\"}")),
        new Case("an empty segment is invalid",
            b64("{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"a//b\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTokens")
  void rejects(Case c) {
    assertThatThrownBy(() -> ContinueToken.decode(c.token(), PREFIX))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageException.Code.INVALID_CONTINUE);
          assertThat(e.getMessage()).startsWith("continue key is not valid");
        });
  }

  @Test
  void prefixEndIsTheNextKeyAfterTheRange() {
    assertThat(Keys.prefixEnd("/registry/pods/")).isEqualTo("/registry/pods0");
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
