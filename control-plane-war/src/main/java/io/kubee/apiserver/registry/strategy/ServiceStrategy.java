package io.kubee.apiserver.registry.strategy;

import tools.jackson.databind.node.ObjectNode;

/** Services start with an empty load-balancer status (pkg/registry/core/service/strategy.go). */
final class ServiceStrategy implements Strategy {
  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status").putObject("loadBalancer");
  }
}
