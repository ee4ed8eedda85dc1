package io.kubee.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/** @param created whether the update created the object (HTTP 201 instead of 200) */
public record UpdateResult(ObjectNode object, boolean created) {}
