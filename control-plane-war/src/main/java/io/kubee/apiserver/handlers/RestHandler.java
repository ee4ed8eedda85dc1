package io.kubee.apiserver.handlers;

import io.kubee.api.apply.ApplyPatch;
import io.kubee.api.apply.FieldManagers;
import io.kubee.api.apply.ManagedFieldsTracker;
import io.kubee.api.apply.ServerSideApply;
import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.defaults.Defaulter;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.registry.Subresource;
import io.kubee.api.protobuf.ProtobufBodies;
import io.kubee.api.schema.FieldValidation;
import io.kubee.api.schema.ModelSchema;
import io.kubee.api.schema.PatchMeta;
import io.kubee.apiserver.auth.Authenticator;
import io.kubee.apiserver.auth.Authorizer;
import io.kubee.apiserver.auth.UserInfo;
import io.kubee.apiserver.printers.TableOptions;
import io.kubee.apiserver.printers.Tables;
import io.kubee.apiserver.registry.DeleteRequest;
import io.kubee.apiserver.registry.DeleteResult;
import io.kubee.apiserver.registry.GenericStore;
import io.kubee.apiserver.registry.ListQuery;
import io.kubee.apiserver.registry.UpdateResult;
import io.kubee.apiserver.request.RequestInfo;
import io.kubee.apiserver.request.RequestInfoParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request pipeline of the Kubernetes API, independent of any HTTP server: resolve what the
 * request addresses, authenticate, authorize, decode and default the body, then run the verb on
 * the {@link GenericStore} (which admits, validates and stores). Every failure is an
 * {@link ApiException}; the caller renders it as a Status. Thread-safe.
 */
public final class RestHandler {
  /** Kubernetes' default limit for request bodies (3 MiB). */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final ResourceRegistry registry;
  private final GenericStore store;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final DiscoveryDocuments discovery;
  private final ScaleSubresource scale;
  private final PodBinding binding;
  private final PodEviction eviction;
  private final NodeConnections connections;
  private final Clock clock;
  private final Codec codec = Codec.INSTANCE;

  public RestHandler(ResourceRegistry registry, GenericStore store, Authenticator authenticator,
      Authorizer authorizer, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.discovery = new DiscoveryDocuments(registry);
    this.scale = new ScaleSubresource(store, clock);
    this.binding = new PodBinding(store, clock);
    this.eviction = new PodEviction(store);
    this.connections = new NodeConnections(store);
    this.clock = clock;
  }

  public ApiResponse handle(ApiRequest request) {
    RequestInfo info = RequestInfoParser.parse(request.method(), request.path(),
        request.param("watch"));
    UserInfo user = authenticator.authenticate(request.credentials())
        .orElseThrow(() -> Errors.unauthorized("Unauthorized"));
    Authorizer.Decision decision = authorizer.authorize(user, info);
    if (!decision.allowed()) {
      throw Errors.forbidden(info.group(), info.resource(), info.name(), decision.reason());
    }
    Format format = Negotiation.responseFormat(request.accept());
    if (!info.resourceRequest()) {
      return discovery(request, info, format);
    }
    ResourceType type = registry.lookup(info.group(), info.version(), info.resource())
        .orElseThrow(Errors::pathNotFound);
    String namespace = namespaceOf(type, info);
    // kubectl get asks for a Table (meta.k8s.io/v1) of what it would otherwise receive
    Optional<TableOptions> table = Tables.requested(request.accept(), request.param("includeObject"));
    if (!info.subresource().isEmpty()) {
      ApiResponse response = subresource(request, info, type, namespace, user, format);
      return table.isPresent() && info.subresource().equals("status")
          ? asTable(response, type, table.get()) : response;
    }
    if (type.namespaced() && namespace.isEmpty()
        && !(info.verb().equals("list") || info.verb().equals("watch"))) {
      throw Errors.methodNotSupported(type.group(), type.plural(), info.verb());
    }
    ApiResponse response = switch (info.verb()) {
      case "get" -> new ApiResponse.Entity(200, store.get(type, namespace, info.name()), format);
      case "list" -> Negotiation.wantsEventStream(request.accept())
          ? watch(request, type, namespace, info.name())
          : new ApiResponse.Entity(200,
              store.list(type, namespace, RequestOptions.listQuery(request, type, "")), format);
      case "watch" -> watch(request, type, namespace, info.name());
      case "create" -> create(request, type, namespace, info, user, format);
      case "update" -> update(request, type, namespace, info, user, format);
      case "patch" -> patch(request, type, namespace, info, user, format);
      case "delete" -> delete(request, type, namespace, info.name(), user, format);
      case "deletecollection" -> {
        if (!type.verbs().contains("deletecollection")) {
          throw Errors.methodNotSupported(type.group(), type.plural(), "deletecollection");
        }
        yield deleteCollection(request, type, namespace, user, format);
      }
      default -> throw Errors.methodNotSupported(type.group(), type.plural(), info.verb());
    };
    return table.isPresent() ? asTable(response, type, table.get()) : response;
  }

  /** The same answer printed as a Table: objects and lists as rows, watch events as one-row tables. */
  private ApiResponse asTable(ApiResponse response, ResourceType type, TableOptions options) {
    if (response instanceof ApiResponse.Entity entity && entity.body() instanceof ObjectNode body) {
      return new ApiResponse.Entity(entity.status(), Tables.render(type, body, options, clock),
          entity.format(), entity.mediaType(), entity.headers());
    }
    if (response instanceof ApiResponse.WatchStream stream) {
      return new ApiResponse.WatchStream(Tables.watch(stream.watch(), type, options, clock),
          stream.encoding(), stream.timeout());
    }
    return response;
  }

  private ApiResponse discovery(ApiRequest request, RequestInfo info, Format format) {
    if (!info.verb().equals("get")) {
      throw Errors.methodNotSupported("", info.path(), info.verb().toUpperCase(Locale.ROOT));
    }
    boolean core = info.path().startsWith("/api/") || info.path().equals("/api");
    boolean root = info.group().isEmpty() && info.version().isEmpty();
    if (root && DiscoveryDocuments.wantsAggregated(request.accept())) {
      return new ApiResponse.Entity(200, discovery.aggregated(core), Format.JSON)
          .withMediaType(DiscoveryDocuments.AGGREGATED_TYPE);
    }
    return new ApiResponse.Entity(200, discovery.document(info, core), format);
  }

  /** Requests to {@code <object>/<subresource>}: status, scale, binding, eviction, ... */
  private ApiResponse subresource(ApiRequest request, RequestInfo info, ResourceType type,
      String namespace, UserInfo user, Format format) {
    String name = info.subresource().split("/", 2)[0];
    if (!type.subresources().contains(name) || (type.namespaced() && namespace.isEmpty())) {
      throw Errors.pathNotFound();
    }
    if (!Subresource.of(type, name).verbs().contains(info.verb())) {
      throw Errors.methodNotSupported(type.group(), type.plural() + "/" + name, info.verb());
    }
    return switch (name) {
      case "status", "finalize" -> switch (info.verb()) {
        case "get" -> new ApiResponse.Entity(200, store.get(type, namespace, info.name()), format);
        case "update" -> update(request, type, namespace, info, user, format);
        default -> patch(request, type, namespace, info, user, format);
      };
      case "scale" -> scale(request, type, namespace, info, user, format);
      case "binding" -> {
        binding.bind(type, namespace, info.name(), readObject(request));
        yield new ApiResponse.Entity(201, codec.fromTyped(Errors.success(201)), format);
      }
      case "eviction" -> {
        ObjectNode body = readObject(request);
        eviction.evict(type, namespace, info.name(), body,
            RequestOptions.deleteRequest(request, body.get("deleteOptions")), user);
        yield new ApiResponse.Entity(201, codec.fromTyped(Errors.success(201)), format);
      }
      // log, exec, attach, portforward, proxy: through to the node agent (or the pod)
      default -> connections.connect(type, namespace, info.name(), name, request);
    };
  }

  private ApiResponse scale(ApiRequest request, ResourceType type, String namespace,
      RequestInfo info, UserInfo user, Format format) {
    if (info.verb().equals("get")) {
      return new ApiResponse.Entity(200, scale.get(type, namespace, info.name()), format);
    }
    String manager = fieldManager(request, info.verb().equals("update") ? "update" : "patch");
    boolean dryRun = RequestOptions.dryRun(request);
    UnaryOperator<ObjectNode> desired;
    if (info.verb().equals("update")) {
      ObjectNode body = readObject(request);
      desired = current -> body.deepCopy();
    } else {
      // a Scale has no merge keys: strategic patches merge it like merge patches
      Patches.Patch patch = Patches.parse(request.contentType(), request.body().read(),
          PatchMeta.UNKNOWN);
      desired = patch::applyTo;
    }
    UpdateResult result = scale.update(type, namespace, info.name(), desired, manager, dryRun,
        user);
    return new ApiResponse.Entity(200, result.object(), format);
  }

  private ApiResponse create(ApiRequest request, ResourceType type, String namespace,
      RequestInfo info, UserInfo user, Format format) {
    if (!info.name().isEmpty()) {
      throw Errors.methodNotSupported(type.group(), type.plural(), "POST on a named resource");
    }
    String manager = fieldManager(request, "create");
    boolean dryRun = RequestOptions.dryRun(request);
    List<String> warnings = new ArrayList<>();
    ObjectNode object = decodeBody(request, type, namespace, warnings);
    ManagedFieldsTracker.update(null, object, manager, "", type, clock.instant());
    return withWarnings(new ApiResponse.Entity(201, store.create(type, object, dryRun, user),
        format), warnings);
  }

  private ApiResponse update(ApiRequest request, ResourceType type, String namespace,
      RequestInfo info, UserInfo user, Format format) {
    String manager = fieldManager(request, "update");
    boolean dryRun = RequestOptions.dryRun(request);
    List<String> warnings = new ArrayList<>();
    ObjectNode object = decodeBody(request, type, namespace, warnings);
    checkName(object, info.name());
    UpdateResult result = store.update(type, namespace, info.name(), info.subresource(),
        current -> {
          ObjectNode desired = object.deepCopy();
          ManagedFieldsTracker.update(current, desired, manager, info.subresource(), type,
              clock.instant());
          return desired;
        }, GenericStore.Creation.IF_ALLOWED, dryRun, user);
    return withWarnings(new ApiResponse.Entity(result.created() ? 201 : 200, result.object(),
        format), warnings);
  }

  private ApiResponse patch(ApiRequest request, ResourceType type, String namespace,
      RequestInfo info, UserInfo user, Format format) {
    if (ApplyPatch.isApplyPatch(request.contentType())) {
      return apply(request, type, namespace, info, user, format);
    }
    byte[] body = request.body().read();
    Patches.Patch patch = Patches.parse(request.contentType(), body, ModelSchema.patchMeta(type));
    String manager = fieldManager(request, "patch");
    boolean dryRun = RequestOptions.dryRun(request);
    String fieldValidation = request.param("fieldValidation");
    List<String> warnings = new ArrayList<>();
    UnaryOperator<ObjectNode> desired = current -> {
      ObjectNode before = current.deepCopy();
      ObjectNode patched = patch.applyTo(current);
      checkTypeMeta(type, patched);
      List<String> found = FieldValidation.enforcePatch(fieldValidation, body, patch.isJsonPatch(),
          patched, type);
      warnings.clear();
      warnings.addAll(found);
      ObjectNode decoded = decode(type, namespace, patched);
      checkName(decoded, info.name());
      ManagedFieldsTracker.update(before, decoded, manager, info.subresource(), type,
          clock.instant());
      return decoded;
    };
    UpdateResult result = store.update(type, namespace, info.name(), info.subresource(), desired,
        GenericStore.Creation.NEVER, dryRun, user);
    return withWarnings(new ApiResponse.Entity(200, result.object(), format), warnings);
  }

  /**
   * Server-side apply ({@code application/apply-patch+yaml}): the body is the manager's whole
   * intent; fields it no longer names and nobody else owns go away, fields another manager owns
   * with another value are conflicts unless {@code force=true}. Creates what does not exist.
   */
  private ApiResponse apply(ApiRequest request, ResourceType type, String namespace,
      RequestInfo info, UserInfo user, Format format) {
    String manager = request.param("fieldManager");
    FieldManagers.validatePatchOptions(manager, true, request.query().containsKey("force"));
    boolean force = FieldManagers.parseForce(request.param("force"));
    boolean dryRun = RequestOptions.dryRun(request);
    byte[] body = request.body().read();
    ObjectNode config = ApplyPatch.parse(body);
    List<String> warnings = duplicateKeys(request.param("fieldValidation"), body, config, type);
    UpdateResult result = store.update(type, namespace, info.name(), info.subresource(),
        current -> {
          ObjectNode applied = ServerSideApply.apply(current, config, manager, force, type,
              info.subresource(), clock.instant());
          ObjectNode decoded = decode(type, namespace, applied);
          checkName(decoded, info.name());
          return decoded;
        }, GenericStore.Creation.ALWAYS, dryRun, user);
    return withWarnings(new ApiResponse.Entity(result.created() ? 201 : 200, result.object(),
        format), warnings);
  }

  /**
   * An apply body may name only fields of the schema (the apply refuses others itself); of the
   * fieldValidation checks only duplicate keys are left (Kubernetes' "strict decoding patch").
   */
  private static List<String> duplicateKeys(String fieldValidation, byte[] body,
      ObjectNode config, ResourceType type) {
    FieldValidation.Directive directive = FieldValidation.Directive.of(fieldValidation);
    if (directive == FieldValidation.Directive.IGNORE) {
      return List.of();
    }
    List<String> duplicates = FieldValidation.check(body, Format.YAML, config.deepCopy(), type)
        .duplicateFields();
    if (duplicates.isEmpty()) {
      return List.of();
    }
    List<String> messages = duplicates.stream().map(d -> "duplicate field \"" + d + "\"")
        .toList();
    if (directive == FieldValidation.Directive.STRICT) {
      throw Errors.badRequest("error strict decoding patch: " + String.join(", ", messages));
    }
    return messages;
  }

  /** The request's field manager, checked as Kubernetes checks it for this verb. */
  private static String fieldManager(ApiRequest request, String verb) {
    String manager = request.param("fieldManager");
    switch (verb) {
      case "create" -> FieldManagers.validateCreateOptions(manager);
      case "update" -> FieldManagers.validateUpdateOptions(manager);
      default -> FieldManagers.validatePatchOptions(manager, false,
          request.query().containsKey("force"));
    }
    FieldValidation.Directive.of(request.param("fieldValidation"));
    return FieldManagers.managerOrUserAgent(manager, request.userAgent());
  }

  private ApiResponse delete(ApiRequest request, ResourceType type, String namespace,
      String name, UserInfo user, Format format) {
    DeleteRequest options = RequestOptions.deleteRequest(request, request.body().read(),
        bodyFormat(request));
    DeleteResult result = store.delete(type, namespace, name, options, user);
    // 200 whether deleted now or marked for later, as Kubernetes answers (its 202 is kept for
    // orphanDependents=false only, which no current client sends)
    if (type.returnDeletedObject() || !result.deleted()) {
      return new ApiResponse.Entity(200, result.object(), format);
    }
    return new ApiResponse.Entity(200, codec.fromTyped(Errors.success(type.group(),
        type.plural(), name, Meta.uid(result.object()))), format);
  }

  private ApiResponse deleteCollection(ApiRequest request, ResourceType type, String namespace,
      UserInfo user, Format format) {
    DeleteRequest options = RequestOptions.deleteRequest(request, request.body().read(),
        bodyFormat(request));
    ListQuery query = RequestOptions.listQuery(request, type, "");
    return new ApiResponse.Entity(200,
        store.deleteCollection(type, namespace, query, options, user), format);
  }

  private ApiResponse watch(ApiRequest request, ResourceType type, String namespace, String name) {
    ListQuery query = RequestOptions.listQuery(request, type, name);
    boolean sse = Negotiation.wantsEventStream(request.accept());
    if (sse && request.lastEventId() != null && !request.lastEventId().isBlank()) {
      long resume = Meta.parseResourceVersion(request.lastEventId().trim());
      if (resume < 0) {
        throw Errors.badRequest("Last-Event-ID: Invalid value: \"" + request.lastEventId()
            + "\": must be a resourceVersion sent by the server");
      }
      query = new ListQuery(query.labelSelector(), query.fieldSelector(), resume, true, false, 0,
          null, query.timeoutSeconds(), query.bookmarks());
    }
    Duration timeout = query.timeoutSeconds() > 0
        ? Duration.ofSeconds(query.timeoutSeconds())
        // Kubernetes spreads unbounded watches over 30-60 min so reconnections do not bunch
        : Duration.ofSeconds(1800 + ThreadLocalRandom.current().nextLong(1800));
    return new ApiResponse.WatchStream(store.watch(type, namespace, query),
        sse ? ApiResponse.WatchEncoding.SSE : ApiResponse.WatchEncoding.JSON_LINES, timeout);
  }

  private ObjectNode readObject(ApiRequest request) {
    byte[] body = request.body().read();
    if (ProtobufBodies.isProtobuf(request.contentType())) {
      return ProtobufBodies.decode(body, null, null).object();
    }
    return codec.parseObject(body, bodyFormat(request));
  }

  /**
   * Reads an object body: parses it, checks its type, applies the request's fieldValidation
   * (unknown fields are dropped; Strict refuses them, Warn adds to {@code warnings}), decodes
   * it.
   */
  private ObjectNode decodeBody(ApiRequest request, ResourceType type, String namespace,
      List<String> warnings) {
    byte[] raw = request.body().read();
    if (ProtobufBodies.isProtobuf(request.contentType())) {
      // kubectl's create subcommands send protobuf; like Kubernetes, no strict checking there
      ObjectNode tree = ProtobufBodies.decode(raw, type.apiVersion(), type.kind()).object();
      checkTypeMeta(type, tree);
      FieldValidation.prune(tree, type);
      return decode(type, namespace, tree);
    }
    Format bodyFormat = bodyFormat(request);
    ObjectNode tree = codec.parseObject(raw, bodyFormat);
    checkTypeMeta(type, tree);
    warnings.addAll(FieldValidation.enforce(request.param("fieldValidation"), raw, bodyFormat,
        tree, type));
    return decode(type, namespace, tree);
  }

  private static Format bodyFormat(ApiRequest request) {
    return Format.ofContentType(request.contentType())
        .orElseThrow(() -> Errors.unsupportedMediaType(request.contentType()));
  }

  /**
   * The body's apiVersion and kind must be the URL's; absent ones are filled in, as Kubernetes'
   * decoder does.
   */
  private static void checkTypeMeta(ResourceType type, ObjectNode body) {
    String apiVersion = Meta.apiVersion(body);
    String kind = Meta.kind(body);
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw Errors.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + type.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw Errors.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + type.kind() + ")");
    }
    body.put("apiVersion", type.apiVersion());
    body.put("kind", type.kind());
  }

  /**
   * Decodes a checked tree into its model class (field types), applies defaults, and settles
   * its namespace.
   */
  private ObjectNode decode(ResourceType type, String namespace, ObjectNode body) {
    ObjectNode object = codec.fromTyped(
        codec.toTyped(body, type.modelClass(), type.kind(), type.version()));
    Defaulter.apply(type, object);
    if (type.namespaced()) {
      String given = Meta.namespace(object);
      if (given.isEmpty()) {
        Meta.setNamespace(object, namespace);
      } else if (!given.equals(namespace)) {
        throw Errors.badRequest("the namespace of the provided object does not match the "
            + "namespace sent on the request");
      }
    }
    return object;
  }

  private static ApiResponse.Entity withWarnings(ApiResponse.Entity entity,
      List<String> warnings) {
    return warnings.isEmpty() ? entity
        : entity.withHeader("Warning", FieldValidation.warningHeader(warnings));
  }

  private static void checkName(ObjectNode object, String name) {
    if (!Meta.name(object).equals(name)) {
      throw Errors.badRequest("the name of the object (" + Meta.name(object)
          + ") does not match the name on the URL (" + name + ")");
    }
  }

  /**
   * The namespace a request addresses: "" for cluster-scoped types (a namespace object's own
   * name is not its namespace) and for all-namespaces lists.
   */
  private static String namespaceOf(ResourceType type, RequestInfo info) {
    if (type.namespaced()) {
      return info.namespace();
    }
    if (!info.namespace().isEmpty() && !type.plural().equals("namespaces")) {
      throw Errors.pathNotFound();
    }
    return "";
  }
}
