package io.kubee.apiserver.printers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableNegotiationTest {
  private static final String KUBECTL = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  /** An Accept header and the Table version it asks for, or null for the plain object. */
  record Case(String name, String accept, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> headers() {
    return Stream.of(
        new Case("kubectl get asks for a v1 Table", KUBECTL, TableOptions.V1),
        new Case("an older client asks for a v1beta1 Table",
            "application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json",
            TableOptions.V1BETA1),
        new Case("no Accept header is the object", null, null),
        new Case("a blank Accept header is the object", " ", null),
        new Case("plain JSON is the object", "application/json", null),
        new Case("protobuf-first clients get the object",
            "application/vnd.kubernetes.protobuf,application/json", null),
        new Case("plain JSON listed first wins over a Table",
            "application/json,application/json;as=Table;v=v1;g=meta.k8s.io", null),
        new Case("a higher quality plain type wins over a Table",
            "application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json", null),
        new Case("a higher quality Table wins over plain JSON",
            "application/json;q=0.5,application/json;as=Table;v=v1;g=meta.k8s.io",
            TableOptions.V1),
        new Case("a protobuf Table is skipped for the next range",
            "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
            TableOptions.V1BETA1),
        new Case("a YAML Table is a Table", "application/yaml;as=Table;v=v1;g=meta.k8s.io",
            TableOptions.V1),
        new Case("a wildcard Table is a Table", "*/*;as=Table;v=v1;g=meta.k8s.io",
            TableOptions.V1),
        new Case("a Table of another group is skipped",
            "application/json;as=Table;v=v1;g=example.com,application/json", null),
        new Case("a Table of an unknown version is skipped for the next range",
            "application/json;as=Table;v=v2;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1beta1;g=meta.k8s.io",
            TableOptions.V1BETA1),
        new Case("PartialObjectMetadata is not a Table",
            "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json",
            null),
        new Case("a refused Table (q=0) is not chosen",
            "application/json;as=Table;v=v1;g=meta.k8s.io;q=0,application/json", null),
        new Case("spaces around parameters are allowed",
            "application/json; as=Table; v=v1; g=meta.k8s.io", TableOptions.V1),
        new Case("parameters may come in any order",
            "application/json;g=meta.k8s.io;v=v1;as=Table", TableOptions.V1),
        new Case("unknown extra parameters are ignored",
            "application/json;as=Table;v=v1;g=meta.k8s.io;pretty=1", TableOptions.V1),
        new Case("nothing servable is not a Table", "text/html", null),
        new Case("a malformed range is skipped",
            "garbage,application/json;as=Table;v=v1;g=meta.k8s.io", TableOptions.V1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void recognisesTableRequests(Case c) {
    assertThat(TableNegotiation.requestedTableVersion(c.accept()))
        .isEqualTo(Optional.ofNullable(c.want()));
  }
}
