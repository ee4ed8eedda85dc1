package io.kubee.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiServiceTest {
  private static final OpenApiDocuments DOCUMENTS = OpenApiDocuments.builtin("v1.32.0");
  private static final OpenApiService SERVICE = new OpenApiService(() -> DOCUMENTS,
      Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
  private static final String APPS_HASH = DOCUMENTS.v3("apis/apps/v1").orElseThrow().hash();

  record Case(String name, String path, String hash, String accept, String ifNoneMatch,
      int status) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> requests() {
    String etag = "\"" + APPS_HASH + "\"";
    return Stream.of(
        new Case("a group-version document is served", "apis/apps/v1", null, null, null, 200),
        new Case("with its current hash too", "apis/apps/v1", APPS_HASH, "application/json", null,
            200),
        new Case("a stale hash redirects to the current one", "apis/apps/v1", "0BAD", null, null,
            301),
        new Case("a matching ETag is not modified", "apis/apps/v1", null, null, etag, 304),
        new Case("a weak matching ETag is not modified", "apis/apps/v1", null, null, "W/" + etag,
            304),
        new Case("another ETag gets the document", "apis/apps/v1", null, null, "\"x\"", 200),
        new Case("a trailing slash is the same document", "/apis/apps/v1/", null, null, null, 200),
        new Case("an unserved group-version is not found", "apis/batch/v1", null, null, null, 404),
        new Case("protobuf only is not acceptable", "api/v1", null,
            "application/com.github.proto-openapi.spec.v3@v1.0+protobuf", null, 406),
        new Case("a wildcard is acceptable", "api/v1", null, "*/*", null, 200));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void answersAsKubernetes(Case c) {
    assertThat(SERVICE.v3(c.path(), c.hash(), c.accept(), c.ifNoneMatch()).status())
        .isEqualTo(c.status());
  }

  @Test
  void aHashedDocumentIsImmutable() {
    OpenApiService.Reply reply = SERVICE.v3("apis/apps/v1", APPS_HASH, null, null);
    assertThat(reply.headers())
        .containsEntry("Cache-Control", "public, immutable")
        .containsEntry("Expires", "Sun, 01 Mar 2026 10:00:00 GMT")
        .containsEntry("ETag", "\"" + APPS_HASH + "\"")
        .containsEntry("Vary", "Accept")
        .containsEntry("Content-Type", "application/json");
    assertThat(reply.body()).isEqualTo(DOCUMENTS.v3("apis/apps/v1").orElseThrow().json());
  }

  @Test
  void anUnhashedDocumentMayChange() {
    assertThat(SERVICE.v3("apis/apps/v1", null, null, null).headers())
        .doesNotContainKey("Cache-Control");
  }

  @Test
  void aStaleHashRedirectsToTheCurrentUrl() {
    assertThat(SERVICE.v3("apis/apps/v1", "0BAD", null, null).headers())
        .containsEntry("Location", "/openapi/v3/apis/apps/v1?hash=" + APPS_HASH);
  }

  @Test
  void theV2DocumentAndTheIndexCarryETags() {
    OpenApiService.Reply v2 = SERVICE.v2(null, null);
    assertThat(v2.status()).isEqualTo(200);
    assertThat(v2.headers()).containsEntry("ETag", "\"" + DOCUMENTS.v2().hash() + "\"");
    assertThat(SERVICE.v2(null, "\"" + DOCUMENTS.v2().hash() + "\"").status()).isEqualTo(304);
    assertThat(SERVICE.v2("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", null)
        .status()).isEqualTo(406);
    assertThat(SERVICE.v3Index("application/json", null).body())
        .isEqualTo(DOCUMENTS.v3Index().json());
  }
}
