package io.kubee.controllers.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.TestClock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceAccountsControllerTest {

  record Case(String name, Namespace namespace, List<ServiceAccount> existing,
      List<String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Namespace namespace(String phase) {
    return new NamespaceBuilder().withNewMetadata().withName("team").endMetadata()
        .withNewStatus().withPhase(phase).endStatus().build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a new namespace gets its default service account", namespace("Active"),
            List.of(), List.of("create serviceaccounts team/default")),
        new Case("an existing default service account is kept", namespace("Active"),
            List.of(new ServiceAccountBuilder().withNewMetadata().withName("default")
                .withNamespace("team").endMetadata().build()), List.of()),
        new Case("a terminating namespace gets none", namespace("Terminating"), List.of(),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ensuresTheDefaultServiceAccount(Case c) {
    FakeApi api = new FakeApi(new TestClock());
    new ServiceAccountsController(Caches.lister(c.namespace()), Caches.lister(c.existing()), api,
        Thread::new).sync("team");
    assertThat(api.actions()).containsExactlyElementsOf(c.want());
  }
}
