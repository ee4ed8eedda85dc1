package io.kubee.apiserver.printers;

import java.util.Objects;

/**
 * How a response is turned into a Table ({@code metav1.TableOptions} plus the Table's version).
 *
 * @param includeObject what each row's {@code object} holds
 * @param noHeaders     leave {@code columnDefinitions} out (null): set for every watch event after
 *                      the first; clients cannot ask for it (Kubernetes does not read it from the
 *                      query either)
 * @param apiVersion    the Table's apiVersion, {@link #V1} or {@link #V1BETA1}, from the Accept
 *                      header; PartialObjectMetadata rows use it too
 */
public record TableOptions(IncludeObject includeObject, boolean noHeaders, String apiVersion) {
  public static final String V1 = "meta.k8s.io/v1";
  public static final String V1BETA1 = "meta.k8s.io/v1beta1";

  public TableOptions {
    Objects.requireNonNull(includeObject, "includeObject");
    if (!V1.equals(apiVersion) && !V1BETA1.equals(apiVersion)) {
      throw new IllegalArgumentException("no Table exists in group version " + apiVersion);
    }
  }

  /** meta.k8s.io/v1, rows with PartialObjectMetadata, headers: what kubectl gets. */
  public static TableOptions defaults() {
    return new TableOptions(IncludeObject.METADATA, false, V1);
  }

  /**
   * The options of a request for a Table of {@code apiVersion} with the {@code includeObject}
   * query parameter (null when absent).
   *
   * @throws io.kubee.api.errors.ApiException 400 BadRequest for an unknown includeObject value
   */
  public static TableOptions of(String apiVersion, String includeObject) {
    return new TableOptions(IncludeObject.parse(includeObject), false, apiVersion);
  }

  public TableOptions withNoHeaders(boolean value) {
    return new TableOptions(includeObject, value, apiVersion);
  }
}
