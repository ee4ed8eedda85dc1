package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The printers of a name, one or two plain fields and an age: namespaces, config maps,
 * secrets, service accounts, leases and the NAME/AGE default.
 */
class SimplePrintersTest {

  record Case(String name, TablePrinter printer, String object, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> objects() {
    return Stream.of(
        new Case("an active namespace", new NamespacePrinter(), """
            {"metadata": {"name": "default", "creationTimestamp": "<400d>"},
             "status": {"phase": "Active"}}
            """, List.of("default", "Active", "400d")),
        new Case("a terminating namespace", new NamespacePrinter(), """
            {"metadata": {"name": "old", "creationTimestamp": "<3h>"},
             "status": {"phase": "Terminating"}}
            """, List.of("old", "Terminating", "3h")),
        new Case("a config map counts data and binary data keys", new ConfigMapPrinter(), """
            {"metadata": {"name": "cfg", "creationTimestamp": "<45m>"},
             "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="}}
            """, List.of("cfg", 3L, "45m")),
        new Case("an empty config map has no data", new ConfigMapPrinter(), """
            {"metadata": {"name": "empty"}}
            """, List.of("empty", 0L, "<unknown>")),
        new Case("a TLS secret shows its type and key count", new SecretPrinter(), """
            {"metadata": {"name": "tls", "creationTimestamp": "<5s>"},
             "type": "kubernetes.io/tls", "data": {"tls.crt": "", "tls.key": ""}}
            """, List.of("tls", "kubernetes.io/tls", 2L, "5s")),
        new Case("a secret counts stringData keys as data", new SecretPrinter(), """
            {"metadata": {"name": "s"}, "type": "Opaque",
             "data": {"a": "MQ=="}, "stringData": {"a": "1", "b": "2"}}
            """, List.of("s", "Opaque", 2L, "<unknown>")),
        new Case("a secret without a type is Opaque", new SecretPrinter(), """
            {"metadata": {"name": "s"}}
            """, List.of("s", "Opaque", 0L, "<unknown>")),
        new Case("a service account counts its secrets", new ServiceAccountPrinter(), """
            {"metadata": {"name": "default", "creationTimestamp": "<3m2s>"},
             "secrets": [{"name": "token-a"}, {"name": "token-b"}]}
            """, List.of("default", 2L, "3m2s")),
        new Case("a service account without secrets", new ServiceAccountPrinter(), """
            {"metadata": {"name": "builder"}}
            """, List.of("builder", 0L, "<unknown>")),
        new Case("a held lease shows its holder", new LeasePrinter(), """
            {"metadata": {"name": "kube-scheduler", "creationTimestamp": "<3h4m>"},
             "spec": {"holderIdentity": "cp-1_5f2c", "leaseDurationSeconds": 15}}
            """, List.of("kube-scheduler", "cp-1_5f2c", "3h4m")),
        new Case("a free lease has an empty holder", new LeasePrinter(), """
            {"metadata": {"name": "free"}, "spec": {}}
            """, List.of("free", "", "<unknown>")),
        new Case("anything else prints its name and age", new DefaultPrinter(), """
            {"metadata": {"name": "thing", "creationTimestamp": "<51h>"}}
            """, List.of("thing", "2d3h")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void printsLikeKubectl(Case c) {
    assertThat(cells(c.printer(), json(c.object()))).containsExactlyElementsOf(c.want());
  }
}
