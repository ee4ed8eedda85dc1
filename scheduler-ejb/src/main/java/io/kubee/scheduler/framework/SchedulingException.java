package io.kubee.scheduler.framework;

/** A failure of the scheduling machinery itself (not "the pod does not fit"): retried. */
public class SchedulingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchedulingException(String message) {
    super(message);
  }

  public SchedulingException(String message, Throwable cause) {
    super(message, cause);
  }
}
