package io.kubee.api.validation.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SyntaxTest {
  private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower"
      + " case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
      + " character (e.g. 'example.com', regex used for validation is"
      + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL = "a lowercase RFC 1123 label must consist of lower case"
      + " alphanumeric characters or '-', and must start and end with an alphanumeric character"
      + " (e.g. 'my-name',  or '123-abc', regex used for validation is"
      + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric"
      + " characters or '-', start with an alphabetic character, and end with an alphanumeric"
      + " character (e.g. 'my-name',  or 'abc-123', regex used for validation is"
      + " '[a-z]([-a-z0-9]*[a-z0-9])?')";

  record NameCase(String name, Function<String, List<String>> check, String value,
      List<String> errors) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<NameCase> names() {
    return Stream.of(
        new NameCase("a subdomain with dots is valid", Names::dns1123Subdomain, "a.b-c.d",
            List.of()),
        new NameCase("an upper-case subdomain is invalid", Names::dns1123Subdomain, "Foo",
            List.of(SUBDOMAIN)),
        new NameCase("a 254 character subdomain is too long", Names::dns1123Subdomain,
            "a".repeat(254), List.of("must be no more than 253 characters")),
        new NameCase("a label with a dot says so", Names::dns1123Label, "a.b",
            List.of("must not contain dots")),
        new NameCase("a label ending in a dash is invalid", Names::dns1123Label, "ab-",
            List.of(LABEL)),
        new NameCase("a DNS-1035 label may not start with a digit", Names::dns1035Label, "1ab",
            List.of(DNS1035)),
        new NameCase("a generateName may end with a dash", n -> Names.nameIsDnsSubdomain(n, true),
            "web-", List.of()),
        new NameCase("a qualified name with an empty prefix is invalid", Names::qualifiedName,
            "/a", List.of("prefix part must be non-empty")),
        new NameCase("a qualified name with a bad prefix reports the prefix", Names::qualifiedName,
            "Ex.com/a", List.of("prefix part " + SUBDOMAIN)),
        new NameCase("an empty qualified name reports both rules", Names::qualifiedName, "",
            List.of("name part must be non-empty", "name part must consist of alphanumeric"
                + " characters, '-', '_' or '.', and must start and end with an alphanumeric"
                + " character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        new NameCase("a port name needs a letter", Names::portName, "8080",
            List.of("must contain at least one letter (a-z)")),
        new NameCase("a long port name breaks several rules", Names::portName, "-http--web-server-",
            List.of("must be no more than 15 characters", "must not contain consecutive hyphens",
                "must not begin or end with a hyphen")),
        new NameCase("an env var may not start with a digit", Names::envVarName, "1A",
            List.of("a valid environment variable name must consist of alphabetic characters,"
                + " digits, '_', '-', or '.', and must not start with a digit (e.g."
                + " 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation"
                + " is '[-._a-zA-Z][-._a-zA-Z0-9]*')")),
        new NameCase("a config key may not be '..'", Names::configMapKey, "..",
            List.of("must not be '..'")),
        new NameCase("a config key may not contain a slash", Names::configMapKey, "a/b",
            List.of("a valid config key must consist of alphanumeric characters, '-', '_' or"
                + " '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for"
                + " validation is '[-._a-zA-Z0-9]+')")),
        new NameCase("an event name may not contain a slash", n -> Names.pathSegmentName(n, false),
            "a/b", List.of("may not contain '/'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void checksNames(NameCase c) {
    assertThat(c.check().apply(c.value())).isEqualTo(c.errors());
  }

  record IpCase(String name, String text, boolean valid, boolean v4, boolean special) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<IpCase> ips() {
    return Stream.of(
        new IpCase("a dotted quad is IPv4", "10.0.0.1", true, true, false),
        new IpCase("leading zeros are tolerated as by ParseIPSloppy", "010.0.0.1", true, true,
            false),
        new IpCase("an octet above 255 is invalid", "10.0.0.256", false, false, false),
        new IpCase("a host name is not an IP", "localhost", false, false, false),
        new IpCase("a compressed IPv6 address is valid", "2001:db8::1", true, false, false),
        new IpCase("an IPv4-mapped address counts as IPv4", "::ffff:10.1.2.3", true, true, false),
        new IpCase("two ellipses are invalid", "1::2::3", false, false, false),
        new IpCase("loopback is special", "127.0.0.1", true, true, true),
        new IpCase("IPv6 loopback is special", "::1", true, false, true),
        new IpCase("link-local is special", "169.254.1.1", true, true, true),
        new IpCase("the unspecified address is special", "::", true, false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ips")
  void parsesIpAddresses(IpCase c) {
    IpAddress ip = IpAddress.parse(c.text());
    assertThat(ip != null).isEqualTo(c.valid());
    if (ip != null) {
      assertThat(ip.isV4()).isEqualTo(c.v4());
      assertThat(ip.isLoopback() || ip.isUnspecified() || ip.isLinkLocalUnicast())
          .isEqualTo(c.special());
    }
  }

  record CidrCase(String name, String text, boolean valid) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<CidrCase> cidrs() {
    return Stream.of(
        new CidrCase("an IPv4 network is valid", "10.244.0.0/16", true),
        new CidrCase("host bits may be set", "10.244.1.5/24", true),
        new CidrCase("an IPv6 network is valid", "fd00::/64", true),
        new CidrCase("a prefix too long for IPv4 is invalid", "10.0.0.0/33", false),
        new CidrCase("an address without prefix is not a CIDR", "10.0.0.0", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cidrs")
  void parsesCidrs(CidrCase c) {
    assertThat(IpAddress.isValidCidr(c.text())).isEqualTo(c.valid());
  }

  record QuantityCase(String name, String text, String value, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<QuantityCase> quantities() {
    return Stream.of(
        new QuantityCase("millicores", "500m", "0.5", null),
        new QuantityCase("binary suffixes", "1Gi", "1073741824", null),
        new QuantityCase("decimal suffixes", "2k", "2000", null),
        new QuantityCase("exponents", "1e3", "1000", null),
        new QuantityCase("fractions", "1.5", "1.5", null),
        new QuantityCase("negative values parse", "-1", "-1", null),
        new QuantityCase("an unknown suffix is reported", "1Q", null, Quantity.FORMAT_WRONG),
        new QuantityCase("a bad suffix combination is reported", "1iK", null, Quantity.SUFFIX),
        new QuantityCase("two dots are reported", "1.2.3", null, Quantity.FORMAT_WRONG),
        new QuantityCase("an empty quantity is reported", "", null, Quantity.FORMAT_WRONG));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quantities")
  void parsesQuantities(QuantityCase c) {
    assertThat(Quantity.problem(c.text())).isEqualTo(c.error());
    if (c.value() != null) {
      assertThat(Quantity.parse(c.text()).value()).isEqualByComparingTo(new BigDecimal(c.value()));
    }
  }
}
