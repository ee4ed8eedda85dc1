package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.app;
import static io.kubee.storage.etcd.Fixtures.label;
import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static io.kubee.storage.etcd.Fixtures.setApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.meta.Meta;
import io.kubee.storage.ListOptions;
import io.kubee.storage.ListResult;
import io.kubee.storage.StorageException;
import io.kubee.testsupport.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/** Consistent paged lists against a real etcd. */
@Timeout(60)
class EtcdListIT {
  @RegisterExtension
  static final EtcdExtension etcd = new EtcdExtension();

  private static EtcdStorage storage;

  @BeforeAll
  static void start() {
    storage = new EtcdStorage(StorageConfig.of(etcd.endpoint())
        .withCompactionInterval(Duration.ZERO));
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  /** Ten pods p0..p9 in {@code namespace}, the even ones labelled web, the odd ones db. */
  private static void tenPods(String namespace) {
    for (int i = 0; i < 10; i++) {
      storage.create("/registry/pods/" + namespace + "/p" + i,
          pod(namespace, "p" + i, i % 2 == 0 ? "web" : "db"), 0);
    }
  }

  private static List<String> names(List<ObjectNode> items) {
    return items.stream().map(Meta::name).toList();
  }

  @Test
  void listsEverythingUnderThePrefixInKeyOrder() {
    tenPods("all");
    storage.create("/registry/pods/all-other/x", pod("all-other", "x", null), 0);

    ListResult list = storage.list("/registry/pods/all/", ListOptions.all());

    assertThat(names(list.items())).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6",
        "p7", "p8", "p9");
    assertThat(list.resourceVersion()).isEqualTo(storage.currentRevision());
    assertThat(list.continueToken()).isNull();
    assertThat(list.remainingItemCount()).isNull();
    assertThat(list.items()).allSatisfy(item -> assertThat(rv(item)).isPositive());
  }

  @Test
  void pagesAreConsistentWithTheFirstPage() {
    tenPods("paged");
    String prefix = "/registry/pods/paged/";

    ListResult first = storage.list(prefix, new ListOptions(4, null, 0, false, o -> true));
    // changes after the first page must not show on later pages
    storage.delete(prefix + "p5", current -> { });
    storage.guaranteedUpdate(prefix + "p6", 0, current -> {
      setApp(current, "changed");
      return current;
    });
    storage.create(prefix + "p45", pod("paged", "p45", null), 0);
    ListResult second = storage.list(prefix,
        new ListOptions(4, first.continueToken(), 0, false, o -> true));
    ListResult third = storage.list(prefix,
        new ListOptions(4, second.continueToken(), 0, false, o -> true));

    assertThat(names(first.items())).containsExactly("p0", "p1", "p2", "p3");
    assertThat(first.remainingItemCount()).isEqualTo(6);
    assertThat(names(second.items())).containsExactly("p4", "p5", "p6", "p7");
    assertThat(label(second.items().get(2))).isEqualTo("web");
    assertThat(second.remainingItemCount()).isEqualTo(2);
    assertThat(names(third.items())).containsExactly("p8", "p9");
    assertThat(third.continueToken()).isNull();
    assertThat(third.remainingItemCount()).isNull();
    assertThat(List.of(first.resourceVersion(), second.resourceVersion(), third.resourceVersion()))
        .containsOnly(first.resourceVersion());
  }

  @Test
  void aPageEndingAtTheLastKeyHasNoContinueToken() {
    tenPods("exact-pages");

    ListResult page = storage.list("/registry/pods/exact-pages/",
        new ListOptions(10, null, 0, false, o -> true));

    assertThat(page.items()).hasSize(10);
    assertThat(page.continueToken()).isNull();
  }

  @Test
  void pagingCountsMatchingObjects() {
    tenPods("filtered");
    String prefix = "/registry/pods/filtered/";
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListResult page = storage.list(prefix, new ListOptions(2, token, 0, false, app("web")));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      assertThat(page.remainingItemCount()).as("unknown when filtering").isNull();
      seen.addAll(names(page.items()));
      token = page.continueToken();
      pages++;
    } while (token != null);

    assertThat(seen).containsExactly("p0", "p2", "p4", "p6", "p8");
    assertThat(pages).isBetween(3, 4);
  }

  @Test
  void aForeignContinueTokenIsInvalid() {
    assertThatThrownBy(() -> storage.list("/registry/pods/",
        new ListOptions(5, "not-a-token", 0, false, o -> true)))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.INVALID_CONTINUE));
  }

  @Test
  void anExactResourceVersionListsThePast() {
    String prefix = "/registry/pods/history/";
    ObjectNode created = storage.create(prefix + "a", pod("history", "a", "v1"), 0);
    storage.guaranteedUpdate(prefix + "a", 0, current -> {
      setApp(current, "v2");
      return current;
    });
    storage.create(prefix + "b", pod("history", "b", null), 0);

    ListResult then = storage.list(prefix, new ListOptions(0, null, rv(created), true, o -> true));

    assertThat(then.resourceVersion()).isEqualTo(rv(created));
    assertThat(names(then.items())).containsExactly("a");
    assertThat(label(then.items().get(0))).isEqualTo("v1");
  }

  @Test
  void aNewerResourceVersionWaitsForEtcd() throws Exception {
    long wanted = storage.currentRevision() + 1;
    CompletableFuture<ListResult> list = CompletableFuture.supplyAsync(() -> storage.list(
        "/registry/pods/wait/", new ListOptions(0, null, wanted, false, o -> true)));
    Thread.sleep(300);

    storage.create("/registry/pods/wait/a", pod("wait", "a", null), 0);

    assertThat(list.get().resourceVersion()).isGreaterThanOrEqualTo(wanted);
    assertThat(names(list.get().items())).containsExactly("a");
  }

  @Test
  void aResourceVersionEtcdNeverReachesIsTooLarge() {
    long current = storage.currentRevision();
    long start = System.nanoTime();

    assertThatThrownBy(() -> storage.list("/registry/pods/",
        new ListOptions(0, null, current + 100, false, o -> true)))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageException.Code.TOO_LARGE_RESOURCE_VERSION);
          assertThat(e.getMessage()).isEqualTo(
              "Too large resource version: " + (current + 100) + ", current: " + current);
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(2900), Duration.ofSeconds(5));
  }

  @Test
  void compactionExpiresContinueTokensAndExactLists() {
    tenPods("compacted");
    String prefix = "/registry/pods/compacted/";
    ListResult first = storage.list(prefix, new ListOptions(3, null, 0, false, o -> true));
    storage.create(prefix + "later", pod("compacted", "later", null), 0);
    long compactedTo = storage.currentRevision();

    storage.compact(compactedTo);

    assertThatThrownBy(() -> storage.list(prefix,
        new ListOptions(3, first.continueToken(), 0, false, o -> true)))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageException.Code.RESOURCE_VERSION_TOO_OLD);
          assertThat(e.getMessage()).startsWith(
              "The provided continue parameter is too old to display a consistent list result.");
        });
    assertThatThrownBy(() -> storage.list(prefix,
        new ListOptions(0, null, first.resourceVersion(), true, o -> true)))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageException.Code.RESOURCE_VERSION_TOO_OLD);
          assertThat(e.getMessage()).isEqualTo("too old resource version: "
              + first.resourceVersion() + " (" + compactedTo + ")");
        });
    assertThat(storage.list(prefix, ListOptions.all()).items()).hasSize(11);
    storage.compact(compactedTo); // again: nothing to do
  }
}
