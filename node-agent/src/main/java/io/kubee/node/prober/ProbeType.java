package io.kubee.node.prober;

/** The three probes a container can have, and what each says before it ever ran. */
public enum ProbeType {
  LIVENESS(ProbeResult.SUCCESS),
  READINESS(ProbeResult.FAILURE),
  STARTUP(ProbeResult.UNKNOWN);

  private final ProbeResult initial;

  ProbeType(ProbeResult initial) {
    this.initial = initial;
  }

  public ProbeResult initial() {
    return initial;
  }

  public String title() {
    return switch (this) {
      case LIVENESS -> "Liveness";
      case READINESS -> "Readiness";
      case STARTUP -> "Startup";
    };
  }
}
