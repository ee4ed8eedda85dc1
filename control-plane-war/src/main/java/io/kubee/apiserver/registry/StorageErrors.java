package io.kubee.apiserver.registry;

import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceType;
import io.kubee.storage.StorageException;

/** Turns storage failures into the Kubernetes errors of the resource concerned. */
public final class StorageErrors {
  private StorageErrors() {}

  public static ApiException toApi(StorageException e, ResourceType type, String name) {
    return switch (e.code()) {
      case NOT_FOUND -> Errors.notFound(type.group(), type.plural(), name);
      case KEY_EXISTS -> Errors.alreadyExists(type.group(), type.plural(), name);
      case RESOURCE_VERSION_TOO_OLD -> Errors.resourceExpired(e.getMessage());
      case TOO_LARGE_RESOURCE_VERSION -> Errors.timeout(e.getMessage());
      case INVALID_CONTINUE -> Errors.badRequest(e.getMessage());
      case UNAVAILABLE -> Errors.serviceUnavailable(
          "the storage backend is unavailable: " + e.getMessage());
    };
  }
}
