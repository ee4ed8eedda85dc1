package io.kubee.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FencepostsTest {

  /** Kubernetes' ResolveFenceposts cases. */
  record Case(String name, IntOrString surge, IntOrString unavailable, int desired,
      int wantSurge, int wantUnavailable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("surge rounds up, unavailability rounds down", new IntOrString("25%"),
            new IntOrString("25%"), 10, 3, 2),
        new Case("both zero after rounding leaves one unavailable", new IntOrString("0%"),
            new IntOrString("1%"), 2, 0, 1),
        new Case("a tiny surge still surges one", new IntOrString("1%"), new IntOrString("25%"),
            2, 1, 0),
        new Case("absolute numbers are taken as they are", new IntOrString(3),
            new IntOrString(2), 10, 3, 2),
        new Case("missing values count as zero", null, null, 5, 0, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesBothFencepostsTogether(Case c) {
    assertThat(Fenceposts.resolve(c.surge(), c.unavailable(), c.desired()))
        .containsExactly(c.wantSurge(), c.wantUnavailable());
  }
}
