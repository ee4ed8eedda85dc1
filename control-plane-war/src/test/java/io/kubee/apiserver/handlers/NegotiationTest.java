package io.kubee.apiserver.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.codec.Format;
import io.kubee.api.errors.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NegotiationTest {

  record Case(String name, String accept, Format want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no Accept header means JSON", null, Format.JSON),
        new Case("kubectl's protobuf-first header gets JSON",
            "application/vnd.kubernetes.protobuf,application/json", Format.JSON),
        new Case("kubectl's table header gets JSON",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", Format.JSON),
        new Case("YAML when asked for", "application/yaml", Format.YAML),
        new Case("the higher quality wins", "application/json;q=0.5, application/yaml", Format.YAML),
        new Case("a browser's header gets JSON", "text/html,application/xhtml+xml,*/*;q=0.8",
            Format.JSON),
        new Case("an event stream is JSON inside", "text/event-stream", Format.JSON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void choosesTheResponseFormat(Case c) {
    assertThat(Negotiation.responseFormat(c.accept())).isEqualTo(c.want());
  }

  @Test
  void refusesWhatItCannotProduceWith406() {
    assertThatThrownBy(() -> Negotiation.responseFormat("image/png"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(406);
          assertThat(e.reason()).isEqualTo("NotAcceptable");
        });
  }
}
