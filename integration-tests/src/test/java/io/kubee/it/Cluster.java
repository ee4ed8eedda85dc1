package io.kubee.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * Where the cluster under test is, for integration tests: one etcd and one managed WildFly per
 * test JVM, started by {@link ClusterSession} and Arquillian. Use with
 * {@code @ExtendWith(ArquillianExtension.class)} and
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static EnterpriseArchive deployment() {
 *   return Cluster.ear();
 * }
 * }</pre>
 *
 * and talk to {@link #apiBase()} over HTTP from the test ({@code @RunAsClient}).
 */
public final class Cluster {
  private Cluster() {}

  /** The EAR the reactor built ({@code ear/target/kubee.ear}), deployed as {@code kubee.ear}. */
  public static EnterpriseArchive ear() {
    // Named kubee.ear whatever the file is called (ear/target or the local repository).
    return ShrinkWrap.create(ZipImporter.class, "kubee.ear")
        .importFrom(new ByteArrayInputStream(EarSnapshot.BYTES)).as(EnterpriseArchive.class);
  }

  /**
   * The EAR's bytes, read once per test JVM: every test class then deploys the same build even
   * when the file is rebuilt (mvn install elsewhere) while the suite runs.
   */
  private static final class EarSnapshot {
    static final byte[] BYTES = read();

    private static byte[] read() {
      Path file = Path.of(required("kubee.it.ear"));
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("no EAR at " + file + ": build the ear module first");
      }
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the EAR " + file, e);
      }
    }
  }

  /** The apiserver over plain HTTP, {@code http://127.0.0.1:<port>} (no trailing slash). */
  public static URI apiBase() {
    return URI.create("http://127.0.0.1:" + required(ClusterSession.HTTP_PORT));
  }

  /** The apiserver over TLS (WildFly's self-signed certificate), {@code https://127.0.0.1:<port>}. */
  public static URI apiBaseTls() {
    return URI.create("https://127.0.0.1:" + required(ClusterSession.HTTPS_PORT));
  }

  /** WildFly management, where MicroProfile Health answers: {@code http://127.0.0.1:<port>}. */
  public static URI managementBase() {
    return URI.create("http://127.0.0.1:" + required(ClusterSession.MANAGEMENT_PORT));
  }

  /** {@code apiBase()} resolved against a path such as {@code /api/v1/namespaces}. */
  public static URI api(String path) {
    return URI.create(apiBase() + path);
  }

  /** The client URL of the etcd the EAR stores into, {@code http://127.0.0.1:<port>}. */
  public static String etcdEndpoint() {
    return required(ClusterSession.ETCD_ENDPOINTS);
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set: run the "
          + "integration tests through failsafe (mvn verify), which enables ClusterSession");
    }
    return value;
  }
}
