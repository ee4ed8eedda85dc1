package io.kubee.apiserver.registry;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.kubee.api.apply.ManagedFieldsTracker;
import io.kubee.api.codec.Codec;
import io.kubee.api.defaults.Defaulter;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.validation.ObjectValidator;
import io.kubee.apiserver.admission.AdmissionChain;
import io.kubee.apiserver.admission.AdmissionRequest;
import io.kubee.apiserver.admission.Operation;
import io.kubee.apiserver.auth.UserInfo;
import io.kubee.apiserver.registry.strategy.Strategies;
import io.kubee.apiserver.registry.strategy.Strategy;
import io.kubee.storage.ListOptions;
import io.kubee.storage.ListResult;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verbs of every resource over {@link Storage}: system metadata, strategies, admission,
 * validation, optimistic concurrency (Kubernetes' {@code genericregistry.Store}, in
 * k8s.io/apiserver/pkg/registry/generic/registry/store.go, with {@code rest.BeforeCreate} and
 * {@code rest.BeforeUpdate}).
 *
 * <p>Objects handed in have been decoded, checked against their model class and defaulted; their
 * namespace agrees with the request. Every failure is an {@link ApiException}. Thread-safe.
 */
public final class GenericStore {
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Storage storage;
  private final NamespaceDeleter namespaceDeleter;
  private final AdmissionChain admission;
  private final ObjectValidator validator;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public GenericStore(Storage storage, ResourceRegistry registry, AdmissionChain admission,
      ObjectValidator validator, Clock clock) {
    this.storage = storage;
    this.admission = admission;
    this.validator = validator;
    this.clock = clock;
    this.namespaceDeleter = new NamespaceDeleter(this, clock);
  }

  public ObjectNode create(ResourceType type, ObjectNode object, boolean dryRun, UserInfo user) {
    Defaulter.applyOnCreate(type, object);
    beforeCreate(type, object);
    boolean generated = Meta.name(object).isEmpty() && !Meta.generateName(object).isEmpty();
    for (int attempt = 1; ; attempt++) {
      if (generated) {
        Meta.setName(object, Meta.generateName(object) + randomSuffix());
      }
      String namespace = Meta.namespace(object);
      String name = Meta.name(object);
      admission.admit(new AdmissionRequest(Operation.CREATE, type, "", namespace, name, object,
          null, user, dryRun));
      requireValid(type, object, validator.validateCreate(type, object));
      if (dryRun) {
        return object;
      }
      try {
        return storage.create(Keys.key(type, namespace, name), object, type.ttlSeconds());
      } catch (StorageException e) {
        if (e.code() == StorageException.Code.KEY_EXISTS && generated
            && attempt < GENERATE_NAME_ATTEMPTS) {
          continue;
        }
        throw StorageErrors.toApi(e, type, name);
      }
    }
  }

  public ObjectNode get(ResourceType type, String namespace, String name) {
    try {
      return storage.get(Keys.key(type, namespace, name));
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, type, name);
    }
  }

  /** A list object ({@code PodList} ...) of the matching objects. */
  public ObjectNode list(ResourceType type, String namespace, ListQuery query) {
    if (query.continueToken() != null && query.resourceVersionGiven()
        && query.resourceVersion() != 0) {
      throw Errors.badRequest("specifying resource version is not allowed when using continue");
    }
    ListResult result;
    try {
      result = storage.list(Keys.collectionPrefix(type, namespace), new ListOptions(
          query.limit(), query.continueToken(), query.resourceVersion(), query.exact(),
          predicate(type, namespace, query)));
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, type, "");
    }
    ObjectNode list = Codec.INSTANCE.newObject();
    list.put("apiVersion", type.apiVersion());
    list.put("kind", type.listKind());
    ObjectNode metadata = list.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(result.resourceVersion()));
    if (result.continueToken() != null) {
      metadata.put("continue", result.continueToken());
      if (result.remainingItemCount() != null) {
        metadata.put("remainingItemCount", result.remainingItemCount());
      }
    }
    ArrayNode items = list.putArray("items");
    result.items().forEach(items::add);
    return list;
  }

  public Watch watch(ResourceType type, String namespace, ListQuery query) {
    long from = query.resourceVersionGiven() ? query.resourceVersion() : 0;
    try {
      return storage.watch(Keys.resourcePrefix(type), Keys.collectionPrefix(type, namespace),
          new WatchOptions(from, predicate(type, namespace, query), query.bookmarks(),
              type.apiVersion(), type.kind()));
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, type, "");
    }
  }

  /**
   * Read-modify-write of one object: PUT, PUT of the status subresource, and PATCH.
   * {@code desired} computes the object the client wants from a private copy of the stored one
   * (PUT ignores it; PATCH applies its patch to it) and may run more than once when writers
   * race. A resourceVersion or uid in the desired object is a precondition. Where status is a
   * subresource, a write to the main resource keeps the stored status and a write to
   * {@code status} keeps everything else.
   *
   * @param namespace   the request's namespace ("" for cluster-scoped types)
   * @param subresource "", "status" or "finalize"
   * @param creation    whether a missing object may be created
   */
  public UpdateResult update(ResourceType type, String namespace, String name, String subresource,
      UnaryOperator<ObjectNode> desired, Creation creation, boolean dryRun, UserInfo user) {
    boolean statusOnly = subresource.equals("status");
    Strategy strategy = Strategies.forType(type);
    boolean[] created = {false};
    ObjectNode result = guaranteedUpdate(type, namespace, name, dryRun, current -> {
      created[0] = false;
      if (current == null) {
        if (!subresource.isEmpty() || creation == Creation.NEVER
            || (creation == Creation.IF_ALLOWED && !type.allowCreateOnUpdate())) {
          throw Errors.notFound(type.group(), type.plural(), name);
        }
        ObjectNode fresh = desired.apply(null);
        if (requestedResourceVersion(fresh) != 0) {
          // an update that names a resourceVersion never creates
          throw Errors.notFound(type.group(), type.plural(), name);
        }
        Meta.metadata(fresh).remove("resourceVersion");
        created[0] = true;
        Defaulter.applyOnCreate(type, fresh);
        beforeCreate(type, fresh);
        admission.admit(new AdmissionRequest(Operation.CREATE, type, "", namespace, name, fresh,
            null, user, dryRun));
        requireValid(type, fresh, validator.validateCreate(type, fresh));
        return fresh;
      }
      ObjectNode object = desired.apply(current.deepCopy());
      checkPreconditions(type, name, requestedResourceVersion(object), Meta.uid(object), current);
      ObjectNode updated;
      if (statusOnly) {
        updated = current.deepCopy();
        copyField(object, updated, "status");
        strategy.prepareForStatusUpdate(updated, current);
      } else if (subresource.equals("finalize")) {
        // namespaces/finalize: spec.finalizers, and nothing else, as the namespace controller
        // sets them
        updated = current.deepCopy();
        copyField(object.path("spec") instanceof ObjectNode spec ? spec : object.objectNode(),
            updated.withObjectProperty("spec"), "finalizers");
      } else {
        updated = object;
        Defaulter.applyOnUpdate(type, updated, current);
        beforeUpdate(type, updated, current);
        if (type.hasStatusSubresource()) {
          copyField(current, updated, "status");
        }
        strategy.prepareForUpdate(updated, current);
        if (type.tracksGeneration() && !sameSpec(updated, current)) {
          Meta.setGeneration(updated, Meta.generation(current) + 1);
        }
      }
      admission.admit(new AdmissionRequest(Operation.UPDATE, type, subresource, namespace, name,
          updated, current, user, dryRun));
      requireValid(type, updated, validator.validateUpdate(type, updated, current));
      ManagedFieldsTracker.keepTimestampsIfUnchanged(current, updated);
      return updated;
    });
    return new UpdateResult(finishIfDeleted(type, result, dryRun), created[0]);
  }

  /**
   * Deletes at once, or marks the object with a deletionTimestamp and leaves it to whoever
   * finishes the deletion ({@link DeleteResult#deleted()} false): when it has finalizers, or
   * when its type deletes gracefully (a scheduled pod waits for its node agent to stop it).
   * A later delete with a shorter grace period shortens the wait; grace period 0 deletes at
   * once what no finalizer holds. The propagation policy adds the garbage collector's
   * finalizers ({@link GarbageCollectionFinalizers}): Foreground and Orphan leave the object
   * marked for the collector. A namespace is only marked Terminating: the namespace controller
   * empties it ({@link NamespaceDeleter}).
   */
  public DeleteResult delete(ResourceType type, String namespace, String name,
      DeleteRequest request, UserInfo user) {
    if (type.group().isEmpty() && type.plural().equals("namespaces") && !request.dryRun()) {
      return namespaceDeleter.delete(type, name, request, user);
    }
    return deleteObject(type, namespace, name, request, user);
  }

  /** {@link #delete} of any object, namespaces past their finalization included. */
  DeleteResult deleteObject(ResourceType type, String namespace, String name,
      DeleteRequest request, UserInfo user) {
    String key = Keys.key(type, namespace, name);
    Strategy strategy = Strategies.forType(type);
    if (request.dryRun()) {
      ObjectNode current = get(type, namespace, name);
      checkDeletion(type, namespace, name, request, user, current);
      return new DeleteResult(current, !hasFinalizers(current)
          && GarbageCollectionFinalizers.afterDelete(type, current,
              request.propagationPolicy()) == null
          && strategy.gracePeriodSeconds(current, request.gracePeriodSeconds()) == 0);
    }
    while (true) {
      try {
        ObjectNode deleted = storage.delete(key, current -> {
          checkDeletion(type, namespace, name, request, user, current);
          if (hasFinalizers(current)
              || GarbageCollectionFinalizers.afterDelete(type, current,
                  request.propagationPolicy()) != null
              || strategy.gracePeriodSeconds(current, request.gracePeriodSeconds()) > 0) {
            throw new DeletionDeferred();
          }
        });
        return new DeleteResult(deleted, true);
      } catch (DeletionDeferred deferred) {
        ObjectNode marked = markForDeletion(type, namespace, name, request, user);
        if (marked != null) {
          return new DeleteResult(marked, false);
        }
        // nothing holds it any more (finalizers removed meanwhile): delete for real
      } catch (StorageException e) {
        throw StorageErrors.toApi(e, type, name);
      }
    }
  }

  /**
   * Changes a stored object without admission or validation, for the server's own subresources
   * that check what they change themselves (pods/binding sets spec.nodeName, which no update may
   * touch). {@code change} sees a private copy of the stored object; null when it is missing.
   */
  public ObjectNode mutate(ResourceType type, String namespace, String name,
      UnaryOperator<ObjectNode> change) {
    return guaranteedUpdate(type, namespace, name, false, current -> {
      if (current == null) {
        throw Errors.notFound(type.group(), type.plural(), name);
      }
      return change.apply(current);
    });
  }

  /** Deletes every matching object; returns the list of what was deleted or marked. */
  public ObjectNode deleteCollection(ResourceType type, String namespace, ListQuery query,
      DeleteRequest request, UserInfo user) {
    ObjectNode list = list(type, namespace, new ListQuery(query.labelSelector(),
        query.fieldSelector(), 0, false, false, 0, null, 0, false));
    ArrayNode deleted = list.arrayNode();
    for (JsonNode item : list.path("items")) {
      ObjectNode object = (ObjectNode) item;
      try {
        deleted.add(delete(type, Meta.namespace(object), Meta.name(object), request, user)
            .object());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    list.set("items", deleted);
    return list;
  }

  /**
   * Sets (or brings forward) deletionTimestamp = now + grace period, as Kubernetes'
   * {@code rest.BeforeDelete}; null when nothing holds the object any more (no finalizers and
   * no grace period), which the caller then deletes.
   */
  private ObjectNode markForDeletion(ResourceType type, String namespace, String name,
      DeleteRequest request, UserInfo user) {
    Strategy strategy = Strategies.forType(type);
    boolean[] gone = {false};
    ObjectNode result = guaranteedUpdate(type, namespace, name, false, current -> {
      if (current == null) {
        throw Errors.notFound(type.group(), type.plural(), name);
      }
      checkDeletion(type, namespace, name, request, user, current);
      GarbageCollectionFinalizers.apply(type, current, request.propagationPolicy());
      long grace = strategy.gracePeriodSeconds(current, request.gracePeriodSeconds());
      gone[0] = grace == 0 && !hasFinalizers(current);
      if (gone[0]) {
        return current;
      }
      ObjectNode metadata = Meta.metadata(current);
      boolean marked = !Meta.deletionTimestamp(current).isEmpty();
      long markedGrace = metadata.path("deletionGracePeriodSeconds").asLong(0);
      if (!marked || grace < markedGrace) {
        metadata.put("deletionTimestamp",
            Meta.timestamp(clock.instant().plusSeconds(grace)));
        metadata.put("deletionGracePeriodSeconds", grace);
      }
      return current;
    });
    return gone[0] ? null : result;
  }

  void checkDeletion(ResourceType type, String namespace, String name,
      DeleteRequest request, UserInfo user, ObjectNode current) {
    if (!request.uid().isEmpty() && !request.uid().equals(Meta.uid(current))) {
      throw Errors.conflict(type.group(), type.plural(), name,
          "Precondition failed: UID in precondition: " + request.uid()
              + ", UID in object meta: " + Meta.uid(current));
    }
    if (!request.resourceVersion().isEmpty()
        && !request.resourceVersion().equals(Meta.resourceVersion(current))) {
      throw Errors.conflict(type.group(), type.plural(), name,
          "Precondition failed: ResourceVersion in precondition: " + request.resourceVersion()
              + ", ResourceVersion in object meta: " + Meta.resourceVersion(current));
    }
    admission.admit(new AdmissionRequest(Operation.DELETE, type, "", namespace, name, null,
        current, user, request.dryRun()));
  }

  /**
   * An object whose deletion waited for finalizers goes away with the update that removes the
   * last one (Kubernetes' {@code ShouldDeleteDuringUpdate}) — unless it is in a grace period
   * ({@code deletionGracePeriodSeconds} > 0: a pod whose node agent is stopping it, and whose
   * status updates meanwhile must not end it; the node agent deletes it with grace 0).
   */
  private ObjectNode finishIfDeleted(ResourceType type, ObjectNode object, boolean dryRun) {
    if (dryRun || Meta.deletionTimestamp(object).isEmpty() || hasFinalizers(object)
        || Meta.metadata(object).path("deletionGracePeriodSeconds").asLong(0) > 0
        || NamespaceDeleter.specFinalizersPending(type, object)) {
      return object;
    }
    String rv = Meta.resourceVersion(object);
    try {
      storage.delete(Keys.key(type, Meta.namespace(object), Meta.name(object)), current -> {
        if (!rv.equals(Meta.resourceVersion(current)) || hasFinalizers(current)
            || NamespaceDeleter.specFinalizersPending(type, current)) {
          throw new DeletionDeferred();
        }
      });
    } catch (DeletionDeferred | StorageException changedMeanwhile) {
      // someone else changed or deleted it first; their write decides
    }
    return object;
  }

  ObjectNode guaranteedUpdate(ResourceType type, String namespace, String name,
      boolean dryRun, Storage.UpdateFunction update) {
    String key = Keys.key(type, namespace, name);
    try {
      if (dryRun) {
        ObjectNode current;
        try {
          current = storage.get(key);
        } catch (StorageException e) {
          if (e.code() != StorageException.Code.NOT_FOUND) {
            throw e;
          }
          current = null;
        }
        ObjectNode result = update.apply(current);
        if (result == null) {
          throw Errors.notFound(type.group(), type.plural(), name);
        }
        return result;
      }
      return storage.guaranteedUpdate(key, type.ttlSeconds(), update);
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, type, name);
    }
  }

  /** {@code rest.BeforeCreate}: the fields the server owns. */
  private void beforeCreate(ResourceType type, ObjectNode object) {
    ObjectNode metadata = Meta.metadata(object);
    if (!Meta.resourceVersion(object).isEmpty()) {
      throw Errors.badRequest("resourceVersion should not be set on objects to be created");
    }
    if (!type.namespaced()) {
      metadata.remove("namespace");
    }
    metadata.remove("deletionTimestamp");
    metadata.remove("deletionGracePeriodSeconds");
    metadata.remove("selfLink");
    Meta.setUid(object, UUID.randomUUID().toString());
    Meta.setCreationTimestamp(object, clock.instant());
    if (type.tracksGeneration()) {
      Meta.setGeneration(object, 1);
    } else {
      metadata.remove("generation");
    }
    Strategies.forType(type).prepareForCreate(object);
  }

  /** {@code rest.BeforeUpdate}: what the client cannot change. */
  private static void beforeUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    ObjectNode metadata = Meta.metadata(object);
    ObjectNode oldMetadata = Meta.metadata(old);
    for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation", "namespace")) {
      copyField(oldMetadata, metadata, field);
    }
    metadata.remove("selfLink");
    if (!type.namespaced()) {
      metadata.remove("namespace");
    }
  }

  private static void checkPreconditions(ResourceType type, String name, long wanted,
      String uid, ObjectNode current) {
    if (!uid.isEmpty() && !uid.equals(Meta.uid(current))) {
      throw Errors.conflict(type.group(), type.plural(), name,
          "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
              + Meta.uid(current));
    }
    if (wanted != 0 && wanted != Meta.parseResourceVersion(Meta.resourceVersion(current))) {
      throw Errors.staleResourceVersion(type.group(), type.plural(), name);
    }
  }

  private static long requestedResourceVersion(ObjectNode object) {
    String value = Meta.resourceVersion(object);
    long rv = Meta.parseResourceVersion(value);
    if (rv < 0) {
      throw Errors.badRequest("metadata.resourceVersion: Invalid value: \"" + value
          + "\": must be a resource version returned by the server");
    }
    return rv;
  }

  /** Everything but metadata and status is the same (Kubernetes bumps generation otherwise). */
  private static boolean sameSpec(ObjectNode a, ObjectNode b) {
    ObjectNode left = a.deepCopy();
    ObjectNode right = b.deepCopy();
    for (ObjectNode node : List.of(left, right)) {
      node.remove("metadata");
      node.remove("status");
    }
    return left.equals(right);
  }

  static boolean hasFinalizers(ObjectNode object) {
    JsonNode finalizers = object.path("metadata").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  private static void requireValid(ResourceType type, ObjectNode object, List<StatusCause> causes) {
    if (!causes.isEmpty()) {
      String name = Meta.name(object).isEmpty() ? Meta.generateName(object) : Meta.name(object);
      throw Errors.invalid(type.group(), type.kind(), name, causes);
    }
  }

  private static Predicate<ObjectNode> predicate(ResourceType type, String namespace,
      ListQuery query) {
    Predicate<ObjectNode> selected = object ->
        query.labelSelector().matches(Meta.labels(object)) && query.fieldSelector().matches(object);
    if (type.namespaced() && !namespace.isEmpty()) {
      return object -> namespace.equals(Meta.namespace(object)) && selected.test(object);
    }
    return selected;
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return suffix.toString();
  }

  /** When an update may create the object it names. */
  public enum Creation {
    /** PATCH: a missing object is 404. */
    NEVER,
    /** PUT: when the type allows create-on-update (leases, events, services...). */
    IF_ALLOWED,
    /** Server-side apply: whatever the type. */
    ALWAYS
  }

  /** Aborts a storage delete whose object must wait (finalizers, grace period). */
  private static final class DeletionDeferred extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeletionDeferred() {
      super(null, null, false, false);
    }
  }
}
