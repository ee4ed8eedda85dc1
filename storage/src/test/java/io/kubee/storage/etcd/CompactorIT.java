package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubee.storage.ListOptions;
import io.kubee.storage.StorageException;
import io.kubee.testsupport.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/** The periodic compactor against a real etcd. */
@Timeout(60)
class CompactorIT {
  @RegisterExtension
  static final EtcdExtension etcd = new EtcdExtension();

  @Test
  void compactsToTheRevisionOfThePreviousTickSharedBetweenApiservers() {
    StorageConfig config = StorageConfig.of(etcd.endpoint())
        .withCompactionInterval(Duration.ofMillis(300));
    try (EtcdStorage first = new EtcdStorage(config);
        EtcdStorage second = new EtcdStorage(config);
        EtcdClient raw = new EtcdClient(List.of(etcd.endpoint()), Duration.ofSeconds(5))) {
      ObjectNode old = first.create("/registry/pods/c/old", pod("c", "old", null), 0);
      first.create("/registry/pods/c/new", pod("c", "new", null), 0);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThatThrownBy(() -> first.list("/registry/pods/",
              new ListOptions(0, null, rv(old), true, o -> true)))
              .isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.code()).isEqualTo(StorageException.Code.RESOURCE_VERSION_TOO_OLD);
                assertThat(e.getMessage()).matches("too old resource version: \\d+ \\(\\d+\\)");
              }));
      EtcdClient.StoredValue clock = raw.get(Compactor.COMPACT_REV_KEY);
      assertThat(Long.parseLong(new String(clock.value(), StandardCharsets.US_ASCII)))
          .isGreaterThan(rv(old));
      // the latest state is always kept
      assertThat(first.list("/registry/pods/c/", ListOptions.all()).items()).hasSize(2);
      assertThat(second.get("/registry/pods/c/old")).isNotNull();
    }
  }
}
