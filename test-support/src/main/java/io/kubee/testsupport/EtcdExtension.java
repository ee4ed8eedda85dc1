package io.kubee.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class its own etcd:
 * {@code @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();}
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {
  private EtcdProcess process;

  @Override
  public void beforeAll(ExtensionContext context) {
    process = EtcdProcess.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  /** The client URL of the running etcd. */
  public String endpoint() {
    if (process == null) {
      throw new IllegalStateException("etcd is not running (register the extension as static)");
    }
    return process.endpoint();
  }

  public EtcdProcess process() {
    return process;
  }
}
