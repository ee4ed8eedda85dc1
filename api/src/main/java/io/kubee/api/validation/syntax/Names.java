package io.kubee.api.validation.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats of the Kubernetes API (DNS labels and subdomains, qualified names, label
 * values, port and environment variable names, config keys...) with Kubernetes' own messages.
 * Each check returns the list of what is wrong, empty when the value is valid. Mirrors
 * {@code k8s.io/apimachinery/pkg/util/validation/validation.go}, {@code pkg/api/validation/
 * generic.go} and {@code pkg/api/validation/path/name.go}. Lengths are counted in UTF-8 bytes, as
 * Go does.
 */
public final class Names {
  private Names() {}

  private static final String QNAME_CHAR = "[A-Za-z0-9]";
  private static final String QNAME_EXT_CHAR = "[-A-Za-z0-9_.]";
  static final String QUALIFIED_NAME_FMT = "(" + QNAME_CHAR + QNAME_EXT_CHAR + "*)?" + QNAME_CHAR;
  private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-',"
      + " '_' or '.', and must start and end with an alphanumeric character";
  private static final int QUALIFIED_NAME_MAX = 63;
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);

  static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist"
      + " of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
      + " character";
  public static final int LABEL_VALUE_MAX = 63;
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

  static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of"
      + " lower case alphanumeric characters or '-', and must start and end with an alphanumeric"
      + " character";
  public static final int DNS1123_LABEL_MAX = 63;
  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);

  static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist"
      + " of lower case alphanumeric characters, '-' or '.', and must start and end with an"
      + " alphanumeric character";
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);

  static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case"
      + " alphanumeric characters or '-', start with an alphabetic character, and end with an"
      + " alphanumeric character";
  public static final int DNS1035_LABEL_MAX = 63;
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);

  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern PORT_NAME_ONE_LETTER = Pattern.compile(".*[a-z].*");

  private static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  private static final String ENV_VAR_NAME_MSG = "a valid environment variable name must consist"
      + " of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
  private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);

  private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final String CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric"
      + " characters, '-', '_' or '.'";
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);

  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String PERCENT_MSG = "a valid percent string must be a numeric string"
      + " followed by an ending '%'";
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);

  private static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";
  private static final String HTTP_HEADER_NAME_MSG = "a valid HTTP header must consist of"
      + " alphanumeric characters or '-'";
  private static final Pattern HTTP_HEADER_NAME = Pattern.compile(HTTP_HEADER_NAME_FMT);

  private static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";

  /** A label key, annotation key (lower-cased first) or finalizer: {@code [prefix/]name}. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errs.add("prefix part " + emptyError());
        } else {
          for (String msg : dns1123Subdomain(prefix)) {
            errs.add("prefix part " + msg);
          }
        }
      }
      default -> {
        errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName",
            "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g."
            + " 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part " + emptyError());
    } else if (byteLength(name) > QUALIFIED_NAME_MAX) {
      errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName",
          "my.name", "123-abc"));
    }
    return errs;
  }

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > LABEL_VALUE_MAX) {
      errs.add(maxLenError(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        // a valid subdomain that is not a label: since the length was checked, it has dots
        errs.add("must not contain dots");
      } else {
        errs.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1035_LABEL_MAX) {
      errs.add(maxLenError(DNS1035_LABEL_MAX));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /**
   * Object names that are DNS subdomains; with {@code prefix} the value is a generateName and may
   * end in '-'.
   */
  public static List<String> nameIsDnsSubdomain(String name, boolean prefix) {
    return dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
  }

  public static List<String> nameIsDnsLabel(String name, boolean prefix) {
    return dns1123Label(prefix ? maskTrailingDash(name) : name);
  }

  public static List<String> nameIsDns1035Label(String name, boolean prefix) {
    return dns1035Label(prefix ? maskTrailingDash(name) : name);
  }

  /** Names that only have to be usable as a URL path segment (events). */
  public static List<String> pathSegmentName(String name, boolean prefix) {
    List<String> errs = new ArrayList<>();
    if (!prefix) {
      if (name.equals(".") || name.equals("..")) {
        errs.add("may not be '" + name + "'");
        return errs;
      }
    }
    if (name.contains("/")) {
      errs.add("may not contain '/'");
    }
    if (name.contains("%")) {
      errs.add("may not contain '%'");
    }
    return errs;
  }

  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }

  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  public static List<String> inRange(long value, long min, long max) {
    return value >= min && value <= max ? List.of() : List.of(inclusiveRangeError(min, max));
  }

  public static List<String> userId(long uid) {
    return inRange(uid, 0, Integer.MAX_VALUE);
  }

  public static List<String> groupId(long gid) {
    return inRange(gid, 0, Integer.MAX_VALUE);
  }

  /** An IANA_SVC_NAME: at most 15 characters of [-a-z0-9], at least one letter. */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (byteLength(port) > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!PORT_NAME_ONE_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> envVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (!ENV_VAR_NAME.matcher(value).matches()) {
      errs.add(regexError(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME",
          "MyEnvName1"));
    }
    errs.addAll(chdirPrefix(value));
    return errs;
  }

  /** A key of a ConfigMap's or Secret's data. */
  public static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errs.add(regexError(CONFIG_KEY_MSG, CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    errs.addAll(chdirPrefix(value));
    return errs;
  }

  public static List<String> percent(String value) {
    return PERCENT.matcher(value).matches() ? List.of()
        : List.of(regexError(PERCENT_MSG, PERCENT_FMT, "1%", "93%"));
  }

  public static List<String> httpHeaderName(String value) {
    return HTTP_HEADER_NAME.matcher(value).matches() ? List.of()
        : List.of(regexError(HTTP_HEADER_NAME_MSG, HTTP_HEADER_NAME_FMT, "X-Header-Name"));
  }

  public static boolean isCIdentifier(String value) {
    return value.matches(C_IDENTIFIER_FMT);
  }

  private static List<String> chdirPrefix(String value) {
    if (value.equals(".")) {
      return List.of("must not be '.'");
    }
    if (value.equals("..")) {
      return List.of("must not be '..'");
    }
    if (value.startsWith("..")) {
      return List.of("must not start with '..'");
    }
    return List.of();
  }

  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** Kubernetes' wording of a failed pattern, examples included (double spaces and all). */
  public static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        b.append(" or ");
      }
      b.append('\'').append(examples[i]).append("', ");
    }
    return b.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  public static String emptyError() {
    return "must be non-empty";
  }

  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** Length as Go's {@code len}: bytes of the UTF-8 encoding. */
  public static int byteLength(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }
}
