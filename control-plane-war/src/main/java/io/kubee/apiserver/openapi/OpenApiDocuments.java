package io.kubee.apiserver.openapi;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.kubee.api.codec.Codec;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ModelSchema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI documents of the served resources, generated from the model schema
 * ({@link ModelSchema}) and the resource registry: the Swagger 2.0 document of
 * {@code /openapi/v2}, the OpenAPI 3.0 document of each group-version under
 * {@code /openapi/v3/<api/v1 | apis/group/version>}, and the {@code /openapi/v3} index that
 * lists them with their content hashes. Built once, in the constructor; immutable and
 * thread-safe afterwards.
 */
public final class OpenApiDocuments {
  /**
   * The subresources the apiserver serves with the object as body. Kept in step with what the
   * request pipeline answers (and what legacy discovery lists): others stay out of the documents.
   */
  public static final Set<String> SERVED_SUBRESOURCES = Set.of("status");

  /** One serialized document and its content hash (uppercase hex SHA-512, as kube-openapi's). */
  public record Document(byte[] json, String hash) {
    static Document of(ObjectNode node) {
      byte[] json = Codec.INSTANCE.writeCanonicalJson(node);
      return new Document(json, sha512(json));
    }
  }

  private final Document v2;
  private final Document v3Index;
  private final Map<String, Document> v3 = new LinkedHashMap<>();

  /**
   * @param registry the served resources
   * @param version  the Kubernetes version the server reports ("v1.32.0"), the documents'
   *                 {@code info.version}
   * @param servedSubresources which declared subresources to publish paths for
   */
  public OpenApiDocuments(ResourceRegistry registry, String version,
      Set<String> servedSubresources) {
    Map<String, List<Gvk>> gvks = gvks(registry);

    SchemaRenderer v2Schemas = new SchemaRenderer(Dialect.V2, gvks);
    PathsBuilder v2Paths = new PathsBuilder(Dialect.V2, v2Schemas, servedSubresources);
    for (String groupVersion : groupVersions(registry)) {
      String[] gv = split(groupVersion);
      v2Paths.discovery(gv[0], gv[1]);
      registry.resources(gv[0], gv[1]).forEach(v2Paths::resource);
    }
    ObjectNode swagger = Codec.INSTANCE.newObject();
    swagger.put("swagger", "2.0");
    info(swagger, version);
    swagger.set("paths", v2Paths.paths());
    ObjectNode definitions = swagger.putObject("definitions");
    v2Schemas.definitions().forEach(definitions::set);
    ObjectNode security = swagger.putObject("securityDefinitions").putObject("BearerToken");
    bearer(security);
    swagger.putArray("security").addObject().putArray("BearerToken");
    this.v2 = Document.of(swagger);

    ObjectNode index = Codec.INSTANCE.newObject();
    ObjectNode indexPaths = index.putObject("paths");
    for (String groupVersion : groupVersions(registry)) {
      String[] gv = split(groupVersion);
      SchemaRenderer schemas = new SchemaRenderer(Dialect.V3, gvks);
      PathsBuilder paths = new PathsBuilder(Dialect.V3, schemas, servedSubresources);
      paths.discovery(gv[0], gv[1]);
      registry.resources(gv[0], gv[1]).forEach(paths::resource);
      ObjectNode openapi = Codec.INSTANCE.newObject();
      openapi.put("openapi", "3.0.0");
      info(openapi, version);
      openapi.set("paths", paths.paths());
      ObjectNode components = openapi.putObject("components");
      ObjectNode componentSchemas = components.putObject("schemas");
      schemas.definitions().forEach(componentSchemas::set);
      bearer(components.putObject("securitySchemes").putObject("BearerToken"));
      openapi.putArray("security").addObject().putArray("BearerToken");
      Document document = Document.of(openapi);
      String path = PathsBuilder.prefix(gv[0], gv[1]).substring(1);
      v3.put(path, document);
      indexPaths.putObject(path).put("serverRelativeURL", serverRelativeUrl(path, document));
    }
    this.v3Index = Document.of(index);
  }

  /** The documents of the built-in registry, as the apiserver serves them. */
  public static OpenApiDocuments builtin(String version) {
    return new OpenApiDocuments(ResourceRegistry.builtin(), version, SERVED_SUBRESOURCES);
  }

  /** {@code /openapi/v2}. */
  public Document v2() {
    return v2;
  }

  /** {@code /openapi/v3}: {@code {"paths":{"api/v1":{"serverRelativeURL":...}}}}. */
  public Document v3Index() {
    return v3Index;
  }

  /**
   * {@code /openapi/v3/<path>}.
   *
   * @param path "api/v1" or "apis/apps/v1"
   */
  public Optional<Document> v3(String path) {
    return Optional.ofNullable(v3.get(path));
  }

  /** The group-version paths of the v3 documents ("api/v1", "apis/apps/v1"). */
  public List<String> v3Paths() {
    return List.copyOf(v3.keySet());
  }

  /** {@code /openapi/v3/apis/apps/v1?hash=...}: the URL a client caches by. */
  public static String serverRelativeUrl(String path, Document document) {
    return "/openapi/v3/" + path + "?hash=" + document.hash();
  }

  private static Map<String, List<Gvk>> gvks(ResourceRegistry registry) {
    Map<String, List<Gvk>> gvks = new LinkedHashMap<>();
    List<Gvk> everyGroupVersion = new ArrayList<>();
    List<Gvk> everyGroupVersionEvent = new ArrayList<>();
    for (String groupVersion : groupVersions(registry)) {
      String[] gv = split(groupVersion);
      everyGroupVersion.add(new Gvk(gv[0], gv[1], "DeleteOptions"));
      everyGroupVersionEvent.add(new Gvk(gv[0], gv[1], "WatchEvent"));
    }
    for (ResourceType type : registry.all()) {
      gvks.computeIfAbsent(ModelSchema.forKind(type).definitionName(), k -> new ArrayList<>())
          .add(Gvk.of(type));
      ModelSchema.forList(type).ifPresent(list -> gvks
          .computeIfAbsent(list.definitionName(), k -> new ArrayList<>())
          .add(new Gvk(type.group(), type.version(), type.listKind())));
    }
    gvks.put(ModelSchema.forClass(Status.class).definitionName(),
        List.of(new Gvk("", "v1", "Status")));
    gvks.put(ModelSchema.forClass(APIResourceList.class).definitionName(),
        List.of(new Gvk("", "v1", "APIResourceList")));
    gvks.put(ModelSchema.forClass(DeleteOptions.class).definitionName(), everyGroupVersion);
    gvks.put(ModelSchema.forClass(WatchEvent.class).definitionName(), everyGroupVersionEvent);
    return gvks;
  }

  /** "v1", "apps/v1", ... in registry order, core first. */
  private static List<String> groupVersions(ResourceRegistry registry) {
    List<String> result = new ArrayList<>();
    List<String> groups = new ArrayList<>(registry.groups());
    groups.sort((a, b) -> a.isEmpty() == b.isEmpty() ? 0 : a.isEmpty() ? -1 : 1);
    for (String group : groups) {
      for (String version : registry.versions(group)) {
        result.add(group.isEmpty() ? version : group + "/" + version);
      }
    }
    return result;
  }

  private static String[] split(String groupVersion) {
    int slash = groupVersion.indexOf('/');
    return slash < 0 ? new String[] {"", groupVersion}
        : new String[] {groupVersion.substring(0, slash), groupVersion.substring(slash + 1)};
  }

  private static void info(ObjectNode document, String version) {
    ObjectNode info = document.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", version);
  }

  private static void bearer(ObjectNode scheme) {
    scheme.put("type", "apiKey");
    scheme.put("name", "authorization");
    scheme.put("in", "header");
    scheme.put("description", "Bearer Token authentication");
  }

  static String sha512(byte[] data) {
    try {
      return HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "OpenApiDocuments" + v3.keySet();
  }
}
