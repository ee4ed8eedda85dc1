package io.kubee.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.errors.ApiException;
import io.kubee.api.testing.Fixtures;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class LabelSelectorTest {

  record Case(String name, String selector, Map<String, String> labels, boolean matches) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> matching() {
    Map<String, String> web = Map.of("app", "web", "tier", "frontend",
        "app.kubernetes.io/name", "shop");
    return Stream.of(
        new Case("equality matches the same value", "app=web", web, true),
        new Case("equality fails on another value", "app=db", web, false),
        new Case("double equals is equality", "app==web", web, true),
        new Case("inequality matches a missing label", "release!=canary", web, true),
        new Case("inequality fails on the same value", "app!=web", web, false),
        new Case("in matches a member of the set", "tier in (backend, frontend)", web, true),
        new Case("in fails on a missing label", "zone in (a)", web, false),
        new Case("notin matches a missing label", "zone notin (a,b)", web, true),
        new Case("notin fails on a member", "tier notin (frontend)", web, false),
        new Case("exists matches a present key", "tier", web, true),
        new Case("exists fails on a missing key", "zone", web, false),
        new Case("does not exist matches a missing key", "!zone", web, true),
        new Case("does not exist fails on a present key", "!app", web, false),
        new Case("comma means and", "app=web,tier=backend", web, false),
        new Case("whitespace around tokens is tolerated", "  app = web ,  tier  in(frontend) ",
            web, true),
        new Case("qualified keys are allowed", "app.kubernetes.io/name=shop", web, true),
        new Case("empty value in a set matches an empty label", "x in ()", Map.of("x", ""), true),
        new Case("keyword-like values are values", "app in (in,notin)", Map.of("app", "in"), true),
        new Case("gt compares integers", "rank>3", Map.of("rank", "5"), true),
        new Case("lt fails on a non-integer label", "rank<3", Map.of("rank", "x"), false),
        new Case("empty selector matches everything", "", web, true),
        new Case("empty selector matches no labels", "", Map.of(), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matches(Case c) {
    assertThat(LabelSelector.parse(c.selector()).matches(c.labels())).isEqualTo(c.matches());
  }

  record ErrorCase(String name, String selector, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> errors() {
    return Stream.of(
        new ErrorCase("a missing operator is reported", "a b",
            "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        new ErrorCase("an unclosed set is reported", "x in (a",
            "unable to parse requirement: found '', expected: ',' or ')'"),
        new ErrorCase("a set without parenthesis is reported", "x in a",
            "unable to parse requirement: found 'a' expected: '('"),
        new ErrorCase("a leading comma is reported", ",a",
            "found ',', expected: !, identifier, or 'end of string'"),
        new ErrorCase("a trailing comma is reported", "a,",
            "found '', expected: identifier after ','"),
        new ErrorCase("two requirements without a comma are reported", "a=b c",
            "found 'c', expected: ',' or 'end of string'"),
        new ErrorCase("an invalid value is reported with its path", "app=a$b",
            "unable to parse requirement: values[0][app]: Invalid value: \"a$b\": a valid label"
                + " must be an empty string or consist of alphanumeric characters, '-', '_' or"
                + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue', "
                + " or 'my_value',  or '12345', regex used for validation is"
                + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        new ErrorCase("an invalid key is reported as Kubernetes does, <nil> path included",
            "-app=x",
            "unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist"
                + " of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
                + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        new ErrorCase("a key with two slashes is reported", "a/b/c",
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must"
                + " consist of alphanumeric characters, '-', '_' or '.', and must start and end"
                + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc',"
                + " regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with"
                + " an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        new ErrorCase("a value longer than 63 characters is reported", "a=" + "x".repeat(64),
            "unable to parse requirement: values[0][a]: Invalid value: \"" + "x".repeat(64)
                + "\": must be no more than 63 characters"),
        new ErrorCase("gt with a non-integer is reported", "a>b",
            "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt'"
                + " operators, the value must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejects(ErrorCase c) {
    assertThatThrownBy(() -> LabelSelector.parse(c.selector()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo(c.message());
        });
  }

  record CanonicalCase(String name, String selector, String canonical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<CanonicalCase> canonical() {
    return Stream.of(
        new CanonicalCase("requirements are sorted by key", "tier=a,app=web", "app=web,tier=a"),
        new CanonicalCase("set values are sorted and whitespace dropped",
            " tier in (b, a) , app = web,!canary", "app=web,!canary,tier in (a,b)"),
        new CanonicalCase("operators keep their spelling", "a==1,b!=2,c notin (x),d",
            "a==1,b!=2,c notin (x),d"),
        new CanonicalCase("an empty set prints empty", "x in ()", "x in ()"),
        new CanonicalCase("an empty selector prints empty", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("canonical")
  void printsCanonically(CanonicalCase c) {
    assertThat(LabelSelector.parse(c.selector())).hasToString(c.canonical());
    // the canonical form parses back to the same selector
    assertThat(LabelSelector.parse(c.canonical())).isEqualTo(LabelSelector.parse(c.selector()));
  }

  record JsonCase(String name, String yaml, Map<String, String> labels, boolean matches,
      String canonical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<JsonCase> json() {
    return Stream.of(
        new JsonCase("an empty selector matches everything", "selector: {}", Map.of("a", "b"),
            true, ""),
        new JsonCase("a null selector matches nothing", "selector: null", Map.of(), false, ""),
        new JsonCase("a missing selector matches nothing", "other: 1", Map.of(), false, ""),
        new JsonCase("match labels are equalities", "selector: {matchLabels: {app: web}}",
            Map.of("app", "web"), true, "app=web"),
        new JsonCase("match expressions combine with labels", """
            selector:
              matchLabels: {app: web}
              matchExpressions:
              - {key: tier, operator: In, values: [fe, be]}
              - {key: canary, operator: DoesNotExist}
            """, Map.of("app", "web", "tier", "be"), true, "app=web,!canary,tier in (be,fe)"),
        new JsonCase("not in and exists are honoured", """
            selector:
              matchExpressions:
              - {key: tier, operator: NotIn, values: [fe]}
              - {key: app, operator: Exists}
            """, Map.of("app", "x", "tier", "fe"), false, "app,tier notin (fe)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("json")
  void convertsLabelSelectorObjects(JsonCase c) {
    JsonNode node = Fixtures.yaml(c.yaml()).get("selector");
    LabelSelector selector = LabelSelector.fromJson(node);
    assertThat(selector.matches(c.labels())).isEqualTo(c.matches());
    assertThat(selector).hasToString(c.canonical());
  }

  static Stream<ErrorCase> jsonErrors() {
    return Stream.of(
        new ErrorCase("an unknown operator is reported",
            "selector: {matchExpressions: [{key: a, operator: Foo, values: [x]}]}",
            "\"Foo\" is not a valid label selector operator"),
        new ErrorCase("in without values is reported",
            "selector: {matchExpressions: [{key: a, operator: In}]}",
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't"
                + " be empty"),
        new ErrorCase("exists with values is reported",
            "selector: {matchExpressions: [{key: a, operator: Exists, values: [x]}]}",
            "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does"
                + " not exist"),
        new ErrorCase("an invalid key is reported",
            "selector: {matchLabels: {'a b': x}}",
            "key: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-',"
                + " '_' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'MyName',  or 'my.name',  or '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonErrors")
  void rejectsInvalidLabelSelectorObjects(ErrorCase c) {
    JsonNode node = Fixtures.yaml(c.selector()).get("selector");
    assertThatThrownBy(() -> LabelSelector.fromJson(node))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(c.message());
        });
  }

  record ExactCase(String name, String selector, String key, String value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ExactCase> exact() {
    return Stream.of(
        new ExactCase("equality requires its value", "app=web,tier=fe", "app", "web"),
        new ExactCase("a one-member set requires its value", "app in (web)", "app", "web"),
        new ExactCase("a larger set requires nothing exact", "app in (a,b)", "app", null),
        new ExactCase("inequality requires nothing exact", "app!=web", "app", null),
        new ExactCase("an absent key requires nothing", "tier=fe", "app", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exact")
  void reportsExactValues(ExactCase c) {
    assertThat(LabelSelector.parse(c.selector()).exactValue(c.key()).orElse(null))
        .isEqualTo(c.value());
  }
}
