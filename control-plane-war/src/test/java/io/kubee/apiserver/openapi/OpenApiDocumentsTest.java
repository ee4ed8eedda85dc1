package io.kubee.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenApiDocumentsTest {
  private static final ResourceRegistry REGISTRY = ResourceRegistry.builtin();
  private static final OpenApiDocuments DOCUMENTS = OpenApiDocuments.builtin("v1.32.0");
  private static final ObjectNode V2 = parse(DOCUMENTS.v2());

  /** A document to check: v2, or the v3 document of one group-version. */
  record Doc(String name, ObjectNode json, Dialect dialect) {
    @Override
    public String toString() {
      return name;
    }

    JsonNode schemas() {
      return dialect == Dialect.V2 ? json.get("definitions") : json.at("/components/schemas");
    }
  }

  static Stream<Doc> documents() {
    List<Doc> docs = new ArrayList<>();
    docs.add(new Doc("swagger 2.0", V2, Dialect.V2));
    for (String path : DOCUMENTS.v3Paths()) {
      docs.add(new Doc("openapi 3.0 " + path, parse(DOCUMENTS.v3(path).orElseThrow()),
          Dialect.V3));
    }
    return docs.stream();
  }

  @ParameterizedTest(name = "{0}: every $ref points to a schema of the document")
  @MethodSource("documents")
  void refsResolve(Doc doc) {
    List<String> refs = new ArrayList<>();
    collectRefs(doc.json(), refs);
    assertThat(refs).isNotEmpty();
    String prefix = doc.dialect() == Dialect.V2 ? "#/definitions/" : "#/components/schemas/";
    assertThat(refs).allSatisfy(ref -> {
      assertThat(ref).startsWith(prefix);
      assertThat(doc.schemas().has(ref.substring(prefix.length()))).as(ref).isTrue();
    });
  }

  @ParameterizedTest(name = "{0}: every PATCH names its kind and takes fieldValidation")
  @MethodSource("documents")
  void patchOperationsOfferFieldValidation(Doc doc) {
    int patches = 0;
    for (Map.Entry<String, JsonNode> path : doc.json().get("paths").properties()) {
      JsonNode patch = path.getValue().get("patch");
      if (patch == null) {
        continue;
      }
      patches++;
      assertThat(patch.at("/x-kubernetes-group-version-kind/kind").asString()).as(path.getKey())
          .isNotEmpty();
      assertThat(patch.get("x-kubernetes-action").asString()).isEqualTo("patch");
      assertThat(queryParameters(patch)).as(path.getKey())
          .contains("fieldValidation", "dryRun", "fieldManager", "force");
      if (doc.dialect() == Dialect.V3) {
        assertThat(patch.at("/requestBody/content").propertyNames())
            .contains("application/strategic-merge-patch+json", "application/merge-patch+json",
                "application/json-patch+json", "application/apply-patch+yaml");
      } else {
        assertThat(patch.get("consumes").valueStream().map(JsonNode::asString))
            .contains("application/strategic-merge-patch+json");
      }
    }
    assertThat(patches).isPositive();
  }

  /** What kubectl's QueryParamVerifierV3 asks of the document of a kind's group-version. */
  static Stream<ResourceType> servedTypes() {
    return REGISTRY.all().stream();
  }

  @ParameterizedTest(name = "kubectl finds fieldValidation for {0}")
  @MethodSource("servedTypes")
  void kubectlFindsFieldValidationForEveryKind(ResourceType type) {
    String path = PathsBuilder.prefix(type.group(), type.version()).substring(1);
    ObjectNode doc = parse(DOCUMENTS.v3(path).orElseThrow());
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, JsonNode> item : doc.get("paths").properties()) {
      JsonNode patch = item.getValue().get("patch");
      if (patch != null && patch.at("/x-kubernetes-group-version-kind/kind").asString()
          .equals(type.kind())
          && patch.at("/x-kubernetes-group-version-kind/group").asString().equals(type.group())
          && queryParameters(patch).contains("fieldValidation")) {
        found.add(item.getKey());
      }
    }
    assertThat(found).isNotEmpty();
  }

  @ParameterizedTest(name = "{0} is defined with its group, version and kind")
  @MethodSource("servedTypes")
  void kindsCarryTheirGroupVersionKind(ResourceType type) {
    String name = io.kubee.api.schema.ModelSchema.forKind(type).definitionName();
    JsonNode gvk = V2.at("/definitions/" + name.replace("/", "~1")
        + "/x-kubernetes-group-version-kind/0");
    assertThat(gvk.get("group").asString()).isEqualTo(type.group());
    assertThat(gvk.get("version").asString()).isEqualTo(type.version());
    assertThat(gvk.get("kind").asString()).isEqualTo(type.kind());
    String path = PathsBuilder.prefix(type.group(), type.version()).substring(1);
    JsonNode v3 = parse(DOCUMENTS.v3(path).orElseThrow()).at("/components/schemas/" + name
        + "/x-kubernetes-group-version-kind/0/kind");
    assertThat(v3.asString()).isEqualTo(type.kind());
    assertThat(V2.at("/definitions/" + name + "/description").asString()).isNotEmpty();
  }

  record FieldCase(String name, String definition, String field, Map<String, Object> extensions) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FieldCase> fields() {
    return Stream.of(
        new FieldCase("containers merge by name", "io.k8s.api.core.v1.PodSpec", "containers",
            Map.of("x-kubernetes-patch-strategy", "merge", "x-kubernetes-patch-merge-key", "name",
                "x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", List.of("name"))),
        new FieldCase("volumes merge by name and retain keys", "io.k8s.api.core.v1.PodSpec",
            "volumes", Map.of("x-kubernetes-patch-strategy", "merge,retainKeys",
                "x-kubernetes-patch-merge-key", "name")),
        new FieldCase("container ports merge by containerPort", "io.k8s.api.core.v1.Container",
            "ports", Map.of("x-kubernetes-patch-merge-key", "containerPort",
                "x-kubernetes-list-map-keys", List.of("containerPort", "protocol"))),
        new FieldCase("volume mounts merge by mountPath", "io.k8s.api.core.v1.Container",
            "volumeMounts", Map.of("x-kubernetes-patch-merge-key", "mountPath")),
        new FieldCase("service ports merge by port", "io.k8s.api.core.v1.ServiceSpec", "ports",
            Map.of("x-kubernetes-patch-merge-key", "port",
                "x-kubernetes-list-map-keys", List.of("port", "protocol"))),
        new FieldCase("tolerations are atomic", "io.k8s.api.core.v1.PodSpec", "tolerations",
            Map.of("x-kubernetes-list-type", "atomic")),
        new FieldCase("finalizers are a set", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "finalizers", Map.of("x-kubernetes-patch-strategy", "merge",
                "x-kubernetes-list-type", "set")),
        new FieldCase("the node selector is an atomic map", "io.k8s.api.core.v1.PodSpec",
            "nodeSelector", Map.of("x-kubernetes-map-type", "atomic")),
        new FieldCase("the deployment strategy retains keys",
            "io.k8s.api.apps.v1.DeploymentSpec", "strategy",
            Map.of("x-kubernetes-patch-strategy", "retainKeys")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void fieldsCarryKubernetesExtensions(FieldCase c) {
    JsonNode field = V2.at("/definitions/" + c.definition() + "/properties/" + c.field());
    c.extensions().forEach((name, value) -> assertThat(
        Codec.INSTANCE.json().convertValue(field.get(name), Object.class)).as(name)
        .isEqualTo(value));
  }

  @Test
  void namedScalarsAreDefinedAsKubernetesDefinesThem() {
    JsonNode v2 = V2.at("/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(v2.get("type").asString()).isEqualTo("string");
    assertThat(v2.get("format").asString()).isEqualTo("int-or-string");
    assertThat(v2.get("x-kubernetes-int-or-string").asBoolean()).isTrue();
    ObjectNode apps = parse(DOCUMENTS.v3("apis/apps/v1").orElseThrow());
    JsonNode v3 = apps.at("/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(v3.has("type")).isFalse();
    assertThat(v3.at("/oneOf/0/type").asString()).isEqualTo("integer");
    assertThat(V2.at("/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format")
        .asString()).isEqualTo("date-time");
    assertThat(V2.at("/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity/type")
        .asString()).isEqualTo("string");
    assertThat(V2.at("/definitions/io.k8s.api.core.v1.Container/required/0").asString())
        .isEqualTo("name");
    assertThat(V2.at("/definitions/io.k8s.api.core.v1.PodList/required/0").asString())
        .isEqualTo("items");
  }

  record PathCase(String name, String path, String method, String operationId, String action) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<PathCase> paths() {
    String pods = "/api/v1/namespaces/{namespace}/pods";
    return Stream.of(
        new PathCase("listing pods", pods, "get", "listCoreV1NamespacedPod", "list"),
        new PathCase("creating a pod", pods, "post", "createCoreV1NamespacedPod", "post"),
        new PathCase("deleting pods", pods, "delete", "deleteCoreV1CollectionNamespacedPod",
            "deletecollection"),
        new PathCase("reading a pod", pods + "/{name}", "get", "readCoreV1NamespacedPod", "get"),
        new PathCase("replacing a pod", pods + "/{name}", "put", "replaceCoreV1NamespacedPod",
            "put"),
        new PathCase("patching a pod", pods + "/{name}", "patch", "patchCoreV1NamespacedPod",
            "patch"),
        new PathCase("deleting a pod", pods + "/{name}", "delete", "deleteCoreV1NamespacedPod",
            "delete"),
        new PathCase("patching a pod's status", pods + "/{name}/status", "patch",
            "patchCoreV1NamespacedPodStatus", "patch"),
        new PathCase("listing pods of all namespaces", "/api/v1/pods", "get",
            "listCoreV1PodForAllNamespaces", "list"),
        new PathCase("watching a pod", "/api/v1/watch/namespaces/{namespace}/pods/{name}", "get",
            "watchCoreV1NamespacedPod", "watch"),
        new PathCase("watching pods", "/api/v1/watch/namespaces/{namespace}/pods", "get",
            "watchCoreV1NamespacedPodList", "watchlist"),
        new PathCase("reading a node", "/api/v1/nodes/{name}", "get", "readCoreV1Node", "get"),
        new PathCase("patching a namespace", "/api/v1/namespaces/{name}", "patch",
            "patchCoreV1Namespace", "patch"),
        new PathCase("patching a deployment", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}",
            "patch", "patchAppsV1NamespacedDeployment", "patch"),
        new PathCase("listing leases", "/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases",
            "get", "listCoordinationV1NamespacedLease", "list"),
        new PathCase("core discovery", "/api/v1/", "get", "getCoreV1APIResources", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void operationsAreNamedAsKubernetesNamesThem(PathCase c) {
    JsonNode operation = V2.at("/paths/" + c.path().replace("/", "~1") + "/" + c.method());
    assertThat(operation.get("operationId").asString()).isEqualTo(c.operationId());
    assertThat(operation.path("x-kubernetes-action").asString("")).isEqualTo(c.action());
  }

  @Test
  void everyServedResourceHasItsCollectionAndObjectPaths() {
    for (ResourceType type : REGISTRY.all()) {
      String base = PathsBuilder.prefix(type.group(), type.version())
          + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
      assertThat(V2.get("paths").get(base).propertyNames()).as(base)
          .contains("get", "post", "parameters");
      assertThat(V2.get("paths").get(base).has("delete")).as(base + " delete")
          .isEqualTo(type.verbs().contains("deletecollection"));
      assertThat(V2.get("paths").get(base + "/{name}").propertyNames()).as(base)
          .contains("get", "put", "patch", "delete");
      assertThat(V2.get("paths").has(base + "/{name}/status"))
          .isEqualTo(type.hasStatusSubresource());
      assertThat(V2.get("paths").has(base + "/{name}/scale")).isFalse();
    }
  }

  @Test
  void namespacesHaveNoCollectionDelete() {
    assertThat(V2.at("/paths/~1api~1v1~1namespaces").propertyNames())
        .containsExactlyInAnyOrder("get", "post", "parameters");
    assertThat(V2.at("/paths/~1api~1v1~1nodes").has("delete")).isTrue();
  }

  @Test
  void theV3IndexListsEveryServedGroupVersionWithItsHash() {
    ObjectNode index = parse(DOCUMENTS.v3Index());
    assertThat(index.get("paths").propertyNames())
        .containsExactly("api/v1", "apis/apps/v1", "apis/autoscaling/v2",
            "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/policy/v1",
            "apis/scheduling.k8s.io/v1");
    for (String path : DOCUMENTS.v3Paths()) {
      assertThat(index.at("/paths/" + path.replace("/", "~1") + "/serverRelativeURL").asString())
          .isEqualTo("/openapi/v3/" + path + "?hash=" + DOCUMENTS.v3(path).orElseThrow().hash());
    }
  }

  @Test
  void aGroupVersionDocumentHoldsOnlyItsOwnResources() {
    ObjectNode apps = parse(DOCUMENTS.v3("apis/apps/v1").orElseThrow());
    assertThat(apps.get("paths").propertyNames()).allMatch(p -> p.startsWith("/apis/apps/v1/"));
    assertThat(apps.at("/components/schemas").propertyNames())
        .contains("io.k8s.api.apps.v1.Deployment", "io.k8s.api.core.v1.PodSpec")
        .doesNotContain("io.k8s.api.core.v1.Pod", "io.k8s.api.coordination.v1.Lease");
    assertThat(apps.get("openapi").asString()).isEqualTo("3.0.0");
  }

  @Test
  void theDocumentsAreTheSameEveryTimeTheyAreBuilt() {
    OpenApiDocuments again = OpenApiDocuments.builtin("v1.32.0");
    assertThat(again.v2().hash()).isEqualTo(DOCUMENTS.v2().hash());
    assertThat(again.v3Index().json()).isEqualTo(DOCUMENTS.v3Index().json());
    assertThat(DOCUMENTS.v2().hash()).matches("[0-9A-F]{128}");
  }

  /** kubectl explain's walk (templates/plaintext.tmpl): through $ref, allOf, items. */
  @Test
  void kubectlExplainFindsTheFieldsOfPodContainers() {
    ObjectNode core = parse(DOCUMENTS.v3("api/v1").orElseThrow());
    JsonNode schemas = core.at("/components/schemas");
    JsonNode pod = null;
    for (JsonNode schema : schemas) {
      if (schema.path("x-kubernetes-group-version-kind").valueStream()
          .anyMatch(g -> g.get("kind").asString().equals("Pod")
              && g.get("group").asString().isEmpty())) {
        pod = schema;
      }
    }
    assertThat(pod).isNotNull();
    JsonNode containers = resolve(schemas, resolve(schemas, pod).at("/properties/spec"))
        .at("/properties/containers");
    assertThat(containers.get("type").asString()).isEqualTo("array");
    JsonNode container = resolve(schemas, containers.get("items"));
    assertThat(container.get("properties").propertyNames())
        .contains("name", "image", "imagePullPolicy", "ports", "env", "resources");
    assertThat(container.at("/required/0").asString()).isEqualTo("name");
  }

  private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
    JsonNode node = schema;
    if (node.has("allOf")) {
      node = node.get("allOf").get(0);
    }
    if (node.has("$ref")) {
      return schemas.get(node.get("$ref").asString().substring("#/components/schemas/".length()));
    }
    return node;
  }

  private static List<String> queryParameters(JsonNode operation) {
    List<String> names = new ArrayList<>();
    operation.path("parameters").forEach(p -> {
      if (p.get("in").asString().equals("query")) {
        names.add(p.get("name").asString());
      }
    });
    return names;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getKey().equals("$ref")) {
          refs.add(entry.getValue().asString());
        } else {
          collectRefs(entry.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  private static ObjectNode parse(OpenApiDocuments.Document document) {
    return Codec.INSTANCE.readStored(document.json());
  }
}
