package io.kubee.apiserver.registry.strategy;

import tools.jackson.databind.node.ObjectNode;

/**
 * The type-specific part of storing an object, as Kubernetes' {@code rest.RESTCreateStrategy}
 * and {@code RESTUpdateStrategy}. The generic parts (system metadata, keeping status out of main
 * resource writes, generation) are the store's; a strategy only adds what differs per type.
 * Implementations are stateless.
 */
public interface Strategy {

  /** Adjusts a new object before admission and validation (e.g. resets its status). */
  default void prepareForCreate(ObjectNode object) {}

  /** Adjusts an update of the main resource; {@code old} is the stored object (read only). */
  default void prepareForUpdate(ObjectNode object, ObjectNode old) {}

  /** Adjusts a status update; {@code object} already carries old's spec and metadata. */
  default void prepareForStatusUpdate(ObjectNode object, ObjectNode old) {}

  /**
   * How long a deletion of {@code object} waits for whoever stops it (Kubernetes'
   * {@code CheckGracefulDelete}); 0 deletes at once. Most types delete at once whatever the
   * request asks.
   *
   * @param requested the request's gracePeriodSeconds, or null
   */
  default long gracePeriodSeconds(ObjectNode object, Long requested) {
    return 0;
  }

  /** The strategy of types with nothing special. */
  Strategy DEFAULT = new Strategy() {};
}
