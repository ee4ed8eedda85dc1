package io.kubee.controllers.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerCondition;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubee.controllers.util.Json;
import java.util.List;

/**
 * The kind a {@link ReplicaSetController} manages: apps/v1 ReplicaSets, or core/v1
 * ReplicationControllers seen as ReplicaSets (as Kubernetes' replication controller is the
 * replica set controller over a conversion, pkg/controller/replication/conversion.go): the
 * label map becomes {@code matchLabels}, and status goes back the other way.
 */
public interface ReplicaSetKind<R extends HasMetadata> {

  Class<R> type();

  String apiVersion();

  String kind();

  /** The controller's name ("replicaset"), its event component ("replicaset-controller"). */
  String controllerName();

  String eventComponent();

  /** The object as a ReplicaSet; the sync logic reads nothing else. */
  ReplicaSet toReplicaSet(R object);

  /** {@code object} with {@code status} (converted back), ready for updateStatus. */
  R withStatus(R object, ReplicaSetStatus status);

  ReplicaSetKind<ReplicaSet> REPLICA_SETS = new ReplicaSetKind<>() {
    @Override
    public Class<ReplicaSet> type() {
      return ReplicaSet.class;
    }

    @Override
    public String apiVersion() {
      return "apps/v1";
    }

    @Override
    public String kind() {
      return "ReplicaSet";
    }

    @Override
    public String controllerName() {
      return "replicaset";
    }

    @Override
    public String eventComponent() {
      return "replicaset-controller";
    }

    @Override
    public ReplicaSet toReplicaSet(ReplicaSet object) {
      return object;
    }

    @Override
    public ReplicaSet withStatus(ReplicaSet object, ReplicaSetStatus status) {
      ReplicaSet copy = Json.copy(object);
      copy.setStatus(status);
      return copy;
    }
  };

  ReplicaSetKind<ReplicationController> REPLICATION_CONTROLLERS = new ReplicaSetKind<>() {
    @Override
    public Class<ReplicationController> type() {
      return ReplicationController.class;
    }

    @Override
    public String apiVersion() {
      return "v1";
    }

    @Override
    public String kind() {
      return "ReplicationController";
    }

    @Override
    public String controllerName() {
      return "replicationcontroller";
    }

    @Override
    public String eventComponent() {
      return "replication-controller";
    }

    @Override
    public ReplicaSet toReplicaSet(ReplicationController rc) {
      ReplicaSetStatus status = rc.getStatus() == null ? new ReplicaSetStatus()
          : Json.convert(rc.getStatus(), ReplicaSetStatus.class);
      return new ReplicaSetBuilder()
          .withApiVersion("v1").withKind("ReplicationController")
          .withMetadata(rc.getMetadata())
          .withNewSpec()
          .withReplicas(rc.getSpec().getReplicas())
          .withMinReadySeconds(rc.getSpec().getMinReadySeconds())
          .withSelector(new LabelSelectorBuilder()
              .withMatchLabels(rc.getSpec().getSelector()).build())
          .withTemplate(rc.getSpec().getTemplate())
          .endSpec()
          .withStatus(status)
          .build();
    }

    @Override
    public ReplicationController withStatus(ReplicationController object,
        ReplicaSetStatus status) {
      ReplicationController copy = Json.copy(object);
      ReplicationControllerStatus converted = Json.convert(status,
          ReplicationControllerStatus.class);
      List<ReplicaSetCondition> conditions = status.getConditions();
      if (conditions != null) {
        converted.setConditions(conditions.stream().map(c -> Json.convert(c,
            ReplicationControllerCondition.class)).toList());
      }
      copy.setStatus(converted);
      return copy;
    }
  };
}
