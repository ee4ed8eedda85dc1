package io.kubee.apiserver.admission;

import java.util.ArrayList;
import java.util.List;

/** Runs the mutating plugins, then the validating ones, in their configured order. */
public final class AdmissionChain {
  private final List<AdmissionPlugin> mutating = new ArrayList<>();
  private final List<AdmissionPlugin> validating = new ArrayList<>();

  public AdmissionChain(List<AdmissionPlugin> plugins) {
    for (AdmissionPlugin plugin : plugins) {
      (plugin.mutates() ? mutating : validating).add(plugin);
    }
  }

  public void admit(AdmissionRequest request) {
    for (AdmissionPlugin plugin : mutating) {
      plugin.admit(request);
    }
    for (AdmissionPlugin plugin : validating) {
      plugin.admit(request);
    }
  }
}
