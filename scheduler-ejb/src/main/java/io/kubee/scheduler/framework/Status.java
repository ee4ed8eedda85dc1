package io.kubee.scheduler.framework;

import java.util.List;

/**
 * The one result type of every plugin call (kube-scheduler's {@code framework.Status}): a
 * {@link Code}, the reasons users read in events ("Insufficient cpu", "node(s) had untolerated
 * taint {dedicated: gpu}") and the plugin that failed. Immutable; {@link #SUCCESS} is shared.
 */
public final class Status {
  public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");
  public static final Status SKIP = new Status(Code.SKIP, List.of(), "");

  private final Code code;
  private final List<String> reasons;
  private final String plugin;

  private Status(Code code, List<String> reasons, String plugin) {
    this.code = code;
    this.reasons = reasons;
    this.plugin = plugin;
  }

  public static Status of(Code code, String... reasons) {
    return new Status(code, List.of(reasons), "");
  }

  public static Status of(Code code, List<String> reasons) {
    return new Status(code, List.copyOf(reasons), "");
  }

  public static Status unschedulable(String... reasons) {
    return of(Code.UNSCHEDULABLE, reasons);
  }

  public static Status unresolvable(String... reasons) {
    return of(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons);
  }

  public static Status error(String message) {
    return of(Code.ERROR, message);
  }

  public static Status error(Throwable cause) {
    return of(Code.ERROR, String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()));
  }

  /** This status, naming {@code plugin} as the one that produced it. */
  public Status withPlugin(String plugin) {
    return this.plugin.equals(plugin) || code == Code.SUCCESS ? this
        : new Status(code, reasons, plugin);
  }

  public Code code() {
    return code;
  }

  public List<String> reasons() {
    return reasons;
  }

  /** The plugin that failed, "" when unknown. */
  public String plugin() {
    return plugin;
  }

  /** The reasons joined with ", " (Kubernetes' {@code Status.Message()}). */
  public String message() {
    return String.join(", ", reasons);
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }

  public boolean isSkip() {
    return code == Code.SKIP;
  }

  /** UNSCHEDULABLE or UNSCHEDULABLE_AND_UNRESOLVABLE. */
  public boolean isRejected() {
    return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
  }

  @Override
  public String toString() {
    return code + (reasons.isEmpty() ? "" : " " + reasons) + (plugin.isEmpty() ? "" : " by " + plugin);
  }
}
