package io.kubee.api.apply;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code fieldManager} and {@code force} request options: their validation, with
 * Kubernetes' 422 messages ({@code ValidatePatchOptions}, {@code ValidateCreateOptions},
 * {@code ValidateUpdateOptions} in {@code apis/meta/v1/validation}), and the manager a write
 * is recorded under when the request names none ({@code managerOrUserAgent} in
 * {@code endpoints/handlers/create.go}). Stateless.
 */
public final class FieldManagers {
  private FieldManagers() {}

  /** Kubernetes' {@code FieldManagerMaxLength}, in bytes. */
  public static final int MAX_LENGTH = 128;

  /**
   * The manager of a create, update or non-apply patch: the request's {@code fieldManager},
   * else the User-Agent up to its first "/" without unprintable characters, cut to 128 bytes
   * ({@code kubectl/v1.32.4 (linux/amd64) kubernetes/...} gives {@code kubectl}; kubectl names
   * its managers itself: {@code kubectl-create}, {@code kubectl-client-side-apply},
   * {@code kubectl-edit}, {@code kubectl-label}...). May be "", which is recorded as
   * {@code unknown}.
   */
  public static String managerOrUserAgent(String fieldManager, String userAgent) {
    if (fieldManager != null && !fieldManager.isEmpty()) {
      return fieldManager;
    }
    return prefixFromUserAgent(userAgent);
  }

  /** Kubernetes' {@code prefixFromUserAgent}. */
  public static String prefixFromUserAgent(String userAgent) {
    if (userAgent == null) {
      return "";
    }
    int slash = userAgent.indexOf('/');
    String prefix = slash < 0 ? userAgent : userAgent.substring(0, slash);
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < prefix.length(); ) {
      int c = prefix.codePointAt(i);
      i += Character.charCount(c);
      if (!JsonValues.isPrint(c)) {
        continue;
      }
      int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_LENGTH) {
        break;
      }
      out.appendCodePoint(c);
      bytes += size;
    }
    return out.toString();
  }

  /**
   * Checks the options of a PATCH: an apply needs a {@code fieldManager}; only an apply may
   * say {@code force}; a manager is at most 128 bytes of printable characters.
   *
   * @param forceGiven whether the request has a {@code force} parameter at all
   * @throws ApiException 422 {@code PatchOptions.meta.k8s.io "" is invalid: fieldManager:
   *     Required value: is required for apply patch}
   */
  public static void validatePatchOptions(String fieldManager, boolean apply,
      boolean forceGiven) {
    List<StatusCause> causes = new ArrayList<>();
    String manager = fieldManager == null ? "" : fieldManager;
    if (apply) {
      if (manager.isEmpty()) {
        causes.add(Errors.cause("FieldValueRequired", "fieldManager",
            "Required value: is required for apply patch"));
      }
    } else if (forceGiven) {
      causes.add(Errors.cause("FieldValueForbidden", "force",
          "Forbidden: may not be specified for non-apply patch"));
    }
    causes.addAll(fieldManagerCauses(manager));
    throwIfAny("PatchOptions", causes);
  }

  /** Checks the {@code fieldManager} of a create (422 {@code CreateOptions.meta.k8s.io}). */
  public static void validateCreateOptions(String fieldManager) {
    throwIfAny("CreateOptions", fieldManagerCauses(fieldManager == null ? "" : fieldManager));
  }

  /** Checks the {@code fieldManager} of an update (422 {@code UpdateOptions.meta.k8s.io}). */
  public static void validateUpdateOptions(String fieldManager) {
    throwIfAny("UpdateOptions", fieldManagerCauses(fieldManager == null ? "" : fieldManager));
  }

  /**
   * The {@code force} query parameter as Kubernetes decodes a boolean parameter: absent is
   * false; "0", "f", "false", "n", "no" (any case) are false; any other value is true.
   */
  public static boolean parseForce(String value) {
    if (value == null) {
      return false;
    }
    String v = value.toLowerCase(Locale.ROOT);
    return !(v.equals("0") || v.equals("f") || v.equals("false") || v.equals("n")
        || v.equals("no"));
  }

  private static List<StatusCause> fieldManagerCauses(String manager) {
    List<StatusCause> causes = new ArrayList<>();
    if (manager.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
      causes.add(Errors.cause("FieldValueTooLong", "fieldManager",
          "Too long: may not be more than " + MAX_LENGTH + " bytes"));
    }
    int position = 0;
    for (int i = 0; i < manager.length(); ) {
      int c = manager.codePointAt(i);
      if (!JsonValues.isPrint(c)) {
        causes.add(Errors.cause("FieldValueInvalid", "fieldManager",
            "Invalid value: " + JsonValues.goQuote(manager) + ": invalid character "
                + unicodeName(c) + " (at position " + position + ")"));
      }
      position += new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
      i += Character.charCount(c);
    }
    return causes;
  }

  /** Go's {@code %#U}: {@code U+0009}. */
  private static String unicodeName(int c) {
    return String.format("U+%04X", c);
  }

  private static void throwIfAny(String kind, List<StatusCause> causes) {
    if (!causes.isEmpty()) {
      ApiException error = Errors.invalid("meta.k8s.io", kind, "", causes);
      throw error;
    }
  }
}
