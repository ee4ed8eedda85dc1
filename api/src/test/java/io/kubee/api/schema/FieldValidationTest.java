package io.kubee.api.schema;

import static io.kubee.api.testing.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class FieldValidationTest {

  /** A body of a kind and the strict decoding errors Kubernetes reports for it, in order. */
  record Case(String name, String plural, Format format, String body, List<String> errors) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> bodies() {
    return Stream.of(
        new Case("a valid pod has no problems", "pods", Format.JSON, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"web"},
             "annotations":{"any.thing/at-all":"x"}},
             "spec":{"containers":[{"name":"c","image":"nginx","imagePullPolicy":"Always",
             "resources":{"limits":{"cpu":"1"}},"ports":[{"containerPort":80}]}]}}""",
            List.of()),
        new Case("a misspelled container field is unknown, with its index", "pods", Format.JSON, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
             "spec":{"containers":[{"name":"a","image":"i"},
                                   {"name":"b","image":"i","imagePullPolice":"Always"}]}}""",
            List.of("unknown field \"spec.containers[1].imagePullPolice\"")),
        new Case("a field given twice is a duplicate", "pods", Format.JSON, """
            {"metadata":{"name":"a","name":"b"},"spec":{"containers":[]}}""",
            List.of("duplicate field \"metadata.name\"")),
        new Case("problems come in document order", "pods", Format.JSON, """
            {"zeta":1,"metadata":{"name":"a","name":"b"},"alpha":2}""",
            List.of("unknown field \"zeta\"", "duplicate field \"metadata.name\"",
                "unknown field \"alpha\"")),
        new Case("a label key given twice is a duplicate", "pods", Format.JSON, """
            {"metadata":{"labels":{"app":"a","app":"b"}}}""",
            List.of("duplicate field \"metadata.labels.app\"")),
        new Case("label and annotation keys are never unknown", "configmaps", Format.JSON, """
            {"metadata":{"labels":{"x":"1"},"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
             "data":{"whatever":"v"}}""",
            List.of()),
        new Case("the inside of an unknown field is not looked into", "pods", Format.JSON, """
            {"bogus":{"deeper":1,"deeper":2}}""",
            List.of("unknown field \"bogus\"")),
        new Case("an unknown field repeated is reported once", "pods", Format.JSON, """
            {"bogus":1,"bogus":2}""",
            List.of("unknown field \"bogus\"")),
        new Case("an object given twice is checked both times", "pods", Format.JSON, """
            {"spec":{"nope":1},"spec":{"nope":2,"also":3}}""",
            List.of("unknown field \"spec.nope\"", "duplicate field \"spec\"",
                "unknown field \"spec.also\"")),
        new Case("managed fields are free-form", "pods", Format.JSON, """
            {"metadata":{"managedFields":[{"manager":"kubectl","fieldsV1":{"f:metadata":{"f:x":{},"f:x":{}}}}]}}""",
            List.of()),
        new Case("int-or-string, quantities and times are known scalars", "deployments", Format.JSON, """
            {"metadata":{"creationTimestamp":null},"spec":{"strategy":{"rollingUpdate":{"maxSurge":"25%"}},
             "template":{"spec":{"containers":[{"name":"c","resources":{"requests":{"memory":"1Gi"}}}]}}}}""",
            List.of()),
        new Case("a key with quotes is quoted as Go quotes it", "pods", Format.JSON, """
            {"we\\"ird":1}""",
            List.of("unknown field \"we\\\"ird\"")),
        new Case("repeated YAML keys come first, as go-yaml words them", "configmaps", Format.YAML, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              k: v
              k: w
            unknown: baz
            """,
            List.of("yaml: unmarshal errors:\n  line 7: key \"k\" already set in map",
                "unknown field \"unknown\"")),
        new Case("a repeated YAML mapping is reported at the line its value starts", "pods",
            Format.YAML, """
            metadata:
              name: a
            metadata:
              name: b
              name: c
            """,
            List.of("yaml: unmarshal errors:\n  line 5: key \"name\" already set in map\n"
                + "  line 4: key \"metadata\" already set in map")),
        new Case("unknown fields of a YAML body come in sorted key order", "pods", Format.YAML, """
            zeta: 1
            spec:
              containers:
              - name: c
                bogus: true
            alpha: 2
            """,
            List.of("unknown field \"alpha\"", "unknown field \"spec.containers[0].bogus\"",
                "unknown field \"zeta\"")),
        new Case("a numeric YAML key prints bare", "configmaps", Format.YAML, """
            data:
              80: a
              80: b
            """,
            List.of("yaml: unmarshal errors:\n  line 3: key 80 already set in map")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void check(Case c) {
    byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
    ObjectNode tree = Codec.INSTANCE.parseObject(body, c.format());
    FieldValidation.Result result = FieldValidation.check(body, c.format(), tree, type(c.plural()));
    assertThat(result.errors()).containsExactlyElementsOf(c.errors());
  }

  @Test
  void strictIsABadRequestInKubernetesWords() {
    String body = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","name":"q"},
         "spec":{"containers":[{"name":"c","imagePullPolice":"Always"}]}}""";
    assertThatThrownBy(() -> enforce("Strict", Format.JSON, body, "pods"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: "
              + "strict decoding error: duplicate field \"metadata.name\", "
              + "unknown field \"spec.containers[0].imagePullPolice\"");
        });
  }

  @Test
  void strictYamlJoinsTheYamlErrorsAsKubernetesDoes() {
    String body = """
        metadata:
          name: a
          name: b
        other: x
        """;
    assertThatThrownBy(() -> enforce("Strict", Format.YAML, body, "configmaps"))
        .hasMessage("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict "
            + "decoding error: yaml: unmarshal errors:\n  line 3: key \"name\" already set in "
            + "map, unknown field \"other\"");
  }

  record DirectiveCase(String name, String directive, List<String> warnings) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<DirectiveCase> directives() {
    List<String> both = List.of("line 4: key \"a\" already set in map",
        "unknown field \"spec.containers[0].imagePullPolice\"");
    return Stream.of(
        new DirectiveCase("warn answers one warning per problem", "Warn", both),
        new DirectiveCase("no directive means warn", null, both),
        new DirectiveCase("an empty directive means warn", "", both),
        new DirectiveCase("ignore answers nothing", "Ignore", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directives")
  void unknownFieldsAreDroppedWhateverTheDirective(DirectiveCase c) {
    String body = """
        metadata:
          labels:
            a: x
            a: y
        spec:
          containers:
          - name: c
            imagePullPolice: Always
        """;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ObjectNode tree = Codec.INSTANCE.parseObject(bytes, Format.YAML);
    List<String> warnings = FieldValidation.enforce(c.directive(), bytes, Format.YAML, tree,
        type("pods"));
    assertThat(warnings).containsExactlyElementsOf(c.warnings());
    assertThat(tree.at("/spec/containers/0").propertyNames()).containsExactly("name");
    assertThat(tree.at("/metadata/labels/a").asString()).isEqualTo("y");
  }

  @Test
  void anUnsupportedDirectiveIsABadRequest() {
    assertThatThrownBy(() -> FieldValidation.Directive.of("strict"))
        .hasMessage("fieldValidation: Unsupported value: \"strict\": supported values: "
            + "\"Ignore\", \"Strict\", \"Warn\"");
  }

  @Test
  void pruningKeepsFreeFormValuesAndMaps() {
    ObjectNode tree = Codec.INSTANCE.parseObject("""
        {"metadata":{"name":"p","labels":{"odd key":"v"},"bogus":1,
         "managedFields":[{"manager":"m","fieldsV1":{"f:spec":{}},"extra":true}]},
         "spec":{"containers":[{"name":"c","nope":{}}]},"top":[]}""".getBytes(StandardCharsets.UTF_8),
        Format.JSON);
    assertThat(FieldValidation.prune(tree, type("pods"))).isEqualTo(4);
    assertThat(Codec.INSTANCE.writeCanonicalJson(tree)).asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"metadata\":{\"labels\":{\"odd key\":\"v\"},\"managedFields\":[{\"fieldsV1\":"
            + "{\"f:spec\":{}},\"manager\":\"m\"}],\"name\":\"p\"},\"spec\":{\"containers\":"
            + "[{\"name\":\"c\"}]}}");
  }

  record PatchCase(String name, String patch, boolean jsonPatch, String patched,
      List<String> errors) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<PatchCase> patches() {
    return Stream.of(
        new PatchCase("a clean patch has no problems",
            "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", false,
            "{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"b\"}}}", List.of()),
        new PatchCase("duplicates of the patch come before unknown fields of the result",
            "{\"unknown\":\"foo\",\"other\":\"foo\",\"other\":\"bar\"}", false,
            "{\"unknown\":\"foo\",\"other\":\"bar\",\"metadata\":{}}",
            List.of("duplicate field \"other\"", "unknown field \"other\"",
                "unknown field \"unknown\"")),
        new PatchCase("duplicates inside a patch carry their path",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"name\":\"b\"}]}}", false,
            "{\"spec\":{\"containers\":[{\"name\":\"b\"}]}}",
            List.of("duplicate field \"spec.containers[0].name\"")),
        new PatchCase("duplicates of a JSON patch say so",
            "[{\"op\":\"add\",\"op\":\"add\",\"path\":\"/x\",\"value\":1}]", true,
            "{\"x\":1}",
            List.of("json patch duplicate field \"[0].op\"", "unknown field \"x\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patches")
  void checkPatch(PatchCase c) {
    ObjectNode patched = Codec.INSTANCE.parseObject(c.patched().getBytes(StandardCharsets.UTF_8),
        Format.JSON);
    assertThat(FieldValidation.checkPatch(c.patch().getBytes(StandardCharsets.UTF_8),
        c.jsonPatch(), patched, type("pods")).errors()).containsExactlyElementsOf(c.errors());
  }

  @Test
  void aStrictPatchIsInvalidWithThePatchedObjectAsValue() {
    ObjectNode patched = Codec.INSTANCE.parseObject("{\"foo\":1}".getBytes(StandardCharsets.UTF_8),
        Format.JSON);
    assertThatThrownBy(() -> FieldValidation.enforcePatch("Strict",
        "{\"foo\":1}".getBytes(StandardCharsets.UTF_8), false, patched, type("pods")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo(" \"\" is invalid: patch: Invalid value: "
              + "\"{\\\"foo\\\":1}\": strict decoding error: unknown field \"foo\"");
        });
  }

  @Test
  void warningHeadersAreQuotedAsKubernetesQuotesThem() {
    assertThat(FieldValidation.warningHeaders(List.of("unknown field \"spec.x\"",
        "unknown field \"spec.x\"", "back\\slash")))
        .containsExactly("299 - \"unknown field \\\"spec.x\\\"\"", "299 - \"back\\\\slash\"");
    assertThat(FieldValidation.warningHeader(List.of("a", "b")))
        .isEqualTo("299 - \"a\", 299 - \"b\"");
    assertThat(FieldValidation.warningHeader(List.of())).isEmpty();
  }

  @Test
  void longWarningListsAreCutAsKubernetesCutsThem() {
    List<String> many = Stream.iterate(0, i -> i + 1).limit(20)
        .map(i -> i + "x".repeat(300)).toList();
    assertThat(FieldValidation.warningHeaders(many))
        .hasSize(20)
        .allSatisfy(h -> assertThat(h).hasSize("299 - \"\"".length() + 256));
  }

  @Test
  void atMostAHundredProblemsAreCollected() {
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i < 150; i++) {
      body.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
    }
    byte[] bytes = body.append('}').toString().getBytes(StandardCharsets.UTF_8);
    FieldValidation.Result result = FieldValidation.check(bytes, Format.JSON,
        Codec.INSTANCE.parseObject(bytes, Format.JSON), type("pods"));
    assertThat(result.unknownFields()).hasSize(100).startsWith("f0", "f1");
  }

  private static List<String> enforce(String directive, Format format, String body,
      String plural) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return FieldValidation.enforce(directive, bytes, format,
        Codec.INSTANCE.parseObject(bytes, format), type(plural));
  }
}
