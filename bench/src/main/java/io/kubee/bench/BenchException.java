package io.kubee.bench;

/** A request that did not answer as expected, or a run that cannot go on. */
final class BenchException extends RuntimeException {
  BenchException(String message) {
    super(message);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
