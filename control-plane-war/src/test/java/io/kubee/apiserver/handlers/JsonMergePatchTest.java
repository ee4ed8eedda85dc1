package io.kubee.apiserver.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The examples of RFC 7386, appendix A, and the Kubernetes uses of merge patch. */
class JsonMergePatchTest {

  record Case(String name, String target, String patch, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("replaces a value", "{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
        new Case("adds a value", "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
        new Case("null deletes", "{'a':'b'}", "{'a':null}", "{}"),
        new Case("null deletes only that key", "{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
        new Case("arrays are replaced whole", "{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
        new Case("a scalar replaced by an object", "{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
        new Case("nested merge with delete", "{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}",
            "{'a':{'b':'d'}}"),
        new Case("arrays of objects are replaced", "{'a':[{'b':'c'}]}", "{'a':[1]}",
            "{'a':[1]}"),
        new Case("nulls inside new objects are dropped", "{}", "{'a':{'bb':{'ccc':null}}}",
            "{'a':{'bb':{}}}"),
        new Case("kubectl scale's patch", "{'spec':{'replicas':1,'paused':false}}",
            "{'spec':{'replicas':3}}", "{'spec':{'replicas':3,'paused':false}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesRfc7386(Case c) {
    JsonNode got = JsonMergePatch.apply(json(c.target()), json(c.patch()));
    assertThat(got).isEqualTo(json(c.want()));
  }

  private static JsonNode json(String singleQuoted) {
    return Codec.INSTANCE.parseObject(
        singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8), Format.JSON);
  }
}
