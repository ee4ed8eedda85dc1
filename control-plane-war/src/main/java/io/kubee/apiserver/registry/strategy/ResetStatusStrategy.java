package io.kubee.apiserver.registry.strategy;

import tools.jackson.databind.node.ObjectNode;

/**
 * Types whose status only their controller writes, through the status subresource: a new object
 * starts with an empty status (deployments, replicasets, replicationcontrollers,
 * horizontalpodautoscalers: Kubernetes' PrepareForCreate).
 */
final class ResetStatusStrategy implements Strategy {
  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status");
  }
}
