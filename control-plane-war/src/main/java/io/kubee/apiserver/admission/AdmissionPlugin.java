package io.kubee.apiserver.admission;

/**
 * One admission controller. Mutating plugins change {@link AdmissionRequest#object()};
 * validating ones only throw an {@code ApiException} to refuse. Kubernetes runs all mutating
 * plugins before all validating ones; {@link AdmissionChain} does the same.
 */
public interface AdmissionPlugin {

  String name();

  default boolean mutates() {
    return false;
  }

  /** Throws an {@code ApiException} to refuse the request. */
  void admit(AdmissionRequest request);
}
