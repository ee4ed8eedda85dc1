package io.kubee.apiserver.printers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.errors.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableOptionsTest {

  record Case(String name, String includeObject, IncludeObject want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> values() {
    return Stream.of(
        new Case("no parameter means Metadata", null, IncludeObject.METADATA),
        new Case("an empty parameter means Metadata", "", IncludeObject.METADATA),
        new Case("Metadata", "Metadata", IncludeObject.METADATA),
        new Case("Object", "Object", IncludeObject.OBJECT),
        new Case("None", "None", IncludeObject.NONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void readsIncludeObject(Case c) {
    TableOptions options = TableOptions.of(TableOptions.V1, c.includeObject());
    assertThat(options.includeObject()).isEqualTo(c.want());
    assertThat(options.noHeaders()).isFalse();
  }

  @Test
  void refusesAnUnknownIncludeObjectWithKubernetesMessage() {
    assertThatThrownBy(() -> TableOptions.of(TableOptions.V1, "object"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo("Unable to convert to Table as requested:"
              + " includeObject: Invalid value: \"object\": must be 'Metadata', 'Object',"
              + " 'None', or empty");
        });
  }

  @Test
  void refusesATableVersionThatDoesNotExist() {
    assertThatThrownBy(() -> TableOptions.of("meta.k8s.io/v2", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no Table exists in group version meta.k8s.io/v2");
  }

  @Test
  void defaultsAreWhatKubectlGets() {
    assertThat(TableOptions.defaults())
        .isEqualTo(new TableOptions(IncludeObject.METADATA, false, "meta.k8s.io/v1"));
    assertThat(TableOptions.defaults().withNoHeaders(true).noHeaders()).isTrue();
  }
}
