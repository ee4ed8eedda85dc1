package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * System properties of the WildFly under test, set through its management API for one test
 * class (short controller periods that would disturb other classes), with a redeploy of the
 * EAR so that the components read them; {@link #clear} takes them away again.
 */
final class ServerProperties {
  private final ManagementClient management;
  private final Map<String, String> properties;

  ServerProperties(ManagementClient management, Map<String, String> properties) {
    this.management = management;
    this.properties = properties;
  }

  /** Sets the properties and redeploys the EAR; returns once the apiserver is ready again. */
  void applyAndRedeploy() throws Exception {
    for (Map.Entry<String, String> property : properties.entrySet()) {
      ModelNode add = Operations.createAddOperation(
          Operations.createAddress("system-property", property.getKey()));
      add.get("value").set(property.getValue());
      execute(add);
    }
    redeploy(management);
  }

  /** Removes the properties (the next deployment reads the defaults). */
  void clear() throws Exception {
    for (String name : properties.keySet()) {
      execute(Operations.createRemoveOperation(Operations.createAddress("system-property",
          name)));
    }
  }

  static void redeploy(ManagementClient management) throws Exception {
    ModelNode result = management.getControllerClient().execute(Operations.createOperation(
        "redeploy", Operations.createAddress("deployment", "kubee.ear")));
    assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> Http.get("/readyz").code() == 200);
  }

  private void execute(ModelNode operation) throws Exception {
    ModelNode result = management.getControllerClient().execute(operation);
    assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
  }
}
