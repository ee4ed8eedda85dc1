package io.kubee.apiserver.registry;

import io.kubee.api.errors.ApiException;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.auth.UserInfo;
import io.kubee.storage.ListOptions;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deletes a namespace with everything in it: marks it Terminating (so nothing new is created in
 * it), deletes its content type by type, then removes it. This is the namespace controller's
 * work (pkg/controller/namespace/deletion), done inline by the apiserver until the controller
 * manager takes it over; if some content waits for finalizers, the namespace stays Terminating
 * and a later DELETE finishes the job.
 */
final class NamespaceDeleter {
  private final GenericStore store;
  private final Storage storage;
  private final List<ResourceType> namespacedTypes;
  private final Clock clock;

  NamespaceDeleter(GenericStore store, Storage storage, ResourceRegistry registry, Clock clock) {
    this.store = store;
    this.storage = storage;
    this.namespacedTypes = registry.all().stream().filter(ResourceType::namespaced).toList();
    this.clock = clock;
  }

  DeleteResult delete(ResourceType namespaces, String name, DeleteRequest request,
      UserInfo user) {
    ObjectNode marked = store.guaranteedUpdate(namespaces, "", name, false, current -> {
      if (current == null) {
        return null;
      }
      store.checkDeletion(namespaces, "", name, request, user, current);
      if (Meta.deletionTimestamp(current).isEmpty()) {
        Meta.metadata(current).put("deletionTimestamp", Meta.timestamp(clock.instant()));
        Meta.metadata(current).put("deletionGracePeriodSeconds", 0);
      }
      current.withObject("status").put("phase", "Terminating");
      return current;
    });
    boolean contentLeft = false;
    for (ResourceType type : namespacedTypes) {
      contentLeft |= deleteContent(type, name, user);
    }
    if (contentLeft || GenericStore.hasFinalizers(marked)) {
      return new DeleteResult(marked, false);
    }
    try {
      return new DeleteResult(storage.delete(Keys.key(namespaces, "", name), current -> { }), true);
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, namespaces, name);
    }
  }

  /** Returns whether objects of this type remain (waiting for their finalizers). */
  private boolean deleteContent(ResourceType type, String namespace, UserInfo user) {
    List<ObjectNode> objects;
    try {
      objects = storage.list(Keys.collectionPrefix(type, namespace), ListOptions.all()).items();
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, type, "");
    }
    boolean left = false;
    for (ObjectNode object : objects) {
      try {
        left |= !store.delete(type, namespace, Meta.name(object), DeleteRequest.DEFAULT, user)
            .deleted();
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return left;
  }
}
