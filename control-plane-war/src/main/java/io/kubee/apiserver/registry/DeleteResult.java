package io.kubee.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/**
 * @param object      the deleted object, or the object now marked for deletion
 * @param deleted     false when deletion waits for finalizers (HTTP 202)
 */
public record DeleteResult(ObjectNode object, boolean deleted) {}
