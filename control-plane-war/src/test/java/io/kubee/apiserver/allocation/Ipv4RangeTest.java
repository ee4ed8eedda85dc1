package io.kubee.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ipv4RangeTest {

  record Case(String name, String cidr, long size, String first, String last) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("Kubernetes' default service range", "10.96.0.0/12", (1L << 20) - 2,
            "10.96.0.1", "10.111.255.254"),
        new Case("a small range skips network and broadcast", "10.96.0.0/28", 14, "10.96.0.1",
            "10.96.0.14"),
        new Case("host bits in the CIDR are masked", "192.168.7.9/24", 254, "192.168.7.1",
            "192.168.7.254"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void numbersTheAllocatableAddresses(Case c) {
    Ipv4Range range = Ipv4Range.parse(c.cidr());
    assertThat(range.size()).isEqualTo(c.size());
    assertThat(range.address(0)).isEqualTo(c.first());
    assertThat(range.address(c.size() - 1)).isEqualTo(c.last());
    assertThat(range.indexOf(c.first())).isZero();
    assertThat(range.indexOf(c.last())).isEqualTo(c.size() - 1);
  }

  @Test
  void addressesOutsideOrNotAddressesHaveNoIndex() {
    Ipv4Range range = Ipv4Range.parse("10.96.0.0/28");
    assertThat(range.indexOf("10.96.0.0")).isEqualTo(-1);
    assertThat(range.indexOf("10.96.0.15")).isEqualTo(-1);
    assertThat(range.indexOf("10.97.0.1")).isEqualTo(-1);
    assertThat(range.indexOf("not-an-ip")).isEqualTo(-1);
    assertThat(range.indexOf("10.96.0.300")).isEqualTo(-1);
  }

  @Test
  void refusesWhatIsNotAUsableRange() {
    assertThatThrownBy(() -> Ipv4Range.parse("10.96.0.0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ipv4Range.parse("10.96.0.0/31")).isInstanceOf(IllegalArgumentException.class);
  }
}
