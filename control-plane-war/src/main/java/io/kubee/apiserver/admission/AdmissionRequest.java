package io.kubee.apiserver.admission;

import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.auth.UserInfo;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an admission plugin is asked about (Kubernetes' {@code admission.Attributes}).
 *
 * @param object    the object to be stored (CREATE, UPDATE); mutating plugins may change it
 * @param oldObject the stored object (UPDATE, DELETE), else null
 */
public record AdmissionRequest(
    Operation operation,
    ResourceType type,
    String subresource,
    String namespace,
    String name,
    ObjectNode object,
    ObjectNode oldObject,
    UserInfo user,
    boolean dryRun) {}
