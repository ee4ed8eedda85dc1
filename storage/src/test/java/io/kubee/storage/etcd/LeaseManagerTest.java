package io.kubee.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeaseManagerTest {
  private final List<Long> granted = new ArrayList<>();
  private long now = 1_000_000_000L;
  private final LeaseManager leases = new LeaseManager(ttl -> {
    granted.add(ttl);
    return granted.size();
  }, () -> now, 60, 0.05, 3);

  @Test
  void grantsTheTtlPlusAReuseWindow() {
    leases.leaseFor(3600);

    assertThat(granted).containsExactly(3660L);
  }

  @Test
  void reusesALeaseWithinTheWindow() {
    long first = leases.leaseFor(3600);
    advanceSeconds(30);

    assertThat(leases.leaseFor(3600)).isEqualTo(first);
    assertThat(granted).hasSize(1);
  }

  @Test
  void grantsANewLeaseOnceTheOldOneWouldExpireTooSoon() {
    leases.leaseFor(3600);
    advanceSeconds(61);

    leases.leaseFor(3600);

    assertThat(granted).hasSize(2);
  }

  @Test
  void doesNotReuseALeaseThatWouldKeepTheObjectFarTooLong() {
    leases.leaseFor(3600);

    leases.leaseFor(60); // would live an hour instead of a minute

    assertThat(granted).containsExactly(3660L, 63L);
  }

  @Test
  void limitsTheObjectsPerLease() {
    for (int i = 0; i < 4; i++) {
      leases.leaseFor(3600);
    }

    assertThat(granted).hasSize(2);
  }

  @Test
  void shortTtlsGetTheirOwnLeases() {
    leases.leaseFor(1);
    leases.leaseFor(1);

    assertThat(granted).containsExactly(1L, 1L);
  }

  private void advanceSeconds(long seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
  }
}
