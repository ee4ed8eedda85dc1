package io.kubee.node.prober;

/** A probe's verdict (kubelet's {@code results.Result}). */
public enum ProbeResult {
  SUCCESS,
  FAILURE,
  /** Not probed yet (a startup probe before its first success). */
  UNKNOWN
}
