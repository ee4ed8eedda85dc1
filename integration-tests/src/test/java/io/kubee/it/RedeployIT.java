package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redeploying the EAR does not keep every previous deployment loaded. A thread the EAR started
 * and never stopped, or a thread-local it left on a pooled server thread (Netty's, filled by
 * jetcd calls on request threads, was one), keeps all classes of the old deployment in
 * metaspace, and a few redeploys later WildFly fails with {@code OutOfMemoryError: Metaspace}.
 *
 * <p>Measured from the JVM's class-loading counters: each redeploy loads the EAR's classes
 * again (the growth of the total-loaded count, averaged, is one deployment's worth); after full
 * collections the classes still loaded may exceed the first count by a few deployments' worth
 * (a pooled server thread may still reference the last task it ran for an old one, and soft
 * references go only under memory pressure), but not by one for every redeploy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedeployIT {
  private static final int REDEPLOYS = 5;

  @ArquillianResource
  ManagementClient management;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @Test
  void redeployingUnloadsThePreviousDeployment() throws Exception {
    // one redeploy first, so that what the server loads once (its own lazily loaded classes)
    // is not counted as the deployment's
    ServerProperties.redeploy(management);
    ClassCounts before = classCounts();
    for (int i = 0; i < REDEPLOYS; i++) {
      ServerProperties.redeploy(management);
    }
    ClassCounts after = classCounts();

    long perDeployment = (after.totalLoaded() - before.totalLoaded()) / REDEPLOYS;
    assertThat(perDeployment).as("classes one deployment loads").isGreaterThan(1_000);
    long retained = after.loaded() - before.loaded();
    assertThat(retained)
        .as("classes still loaded after %d redeploys (one deployment loads %d)", REDEPLOYS,
            perDeployment)
        .isLessThan(perDeployment * (REDEPLOYS - 1));
  }

  record ClassCounts(long loaded, long totalLoaded) {}

  /** The class-loading counters after two full collections (metaspace frees lazily). */
  private ClassCounts classCounts() throws Exception {
    ModelNode memory = Operations.createAddress("core-service", "platform-mbean", "type",
        "memory");
    for (int i = 0; i < 2; i++) {
      execute(Operations.createOperation("gc", memory));
    }
    ModelNode classLoading = Operations.createAddress("core-service", "platform-mbean", "type",
        "class-loading");
    return new ClassCounts(
        execute(Operations.createReadAttributeOperation(classLoading, "loaded-class-count"))
            .asLong(),
        execute(Operations.createReadAttributeOperation(classLoading,
            "total-loaded-class-count")).asLong());
  }

  private ModelNode execute(ModelNode operation) throws Exception {
    ModelNode result = management.getControllerClient().execute(operation);
    assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
    return Operations.readResult(result);
  }
}
