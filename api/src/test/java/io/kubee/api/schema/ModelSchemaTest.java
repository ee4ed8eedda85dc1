package io.kubee.api.schema;

import static io.kubee.api.testing.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelSchemaTest {

  /**
   * A field of a served kind, reached by a path of field names ("[]" steps into list items,
   * "{}" into map values), and its schema written as OpenAPI would name it.
   */
  record Case(String name, String plural, String path, String shape) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> shapes() {
    return Stream.of(
        new Case("the root of a pod is its Kubernetes definition", "pods", "",
            "io.k8s.api.core.v1.Pod"),
        new Case("metadata is apimachinery's ObjectMeta", "pods", "metadata",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
        new Case("a deployment is in apps/v1", "deployments", "",
            "io.k8s.api.apps.v1.Deployment"),
        new Case("a lease is in coordination/v1", "leases", "spec",
            "io.k8s.api.coordination.v1.LeaseSpec"),
        new Case("a container name is a string", "pods", "spec.containers.[].name", "string"),
        new Case("a container port is int32", "pods", "spec.containers.[].ports.[].containerPort",
            "integer/int32"),
        new Case("a grace period is int64", "pods", "spec.terminationGracePeriodSeconds",
            "integer/int64"),
        new Case("a boolean is a boolean", "pods", "spec.hostNetwork", "boolean"),
        new Case("labels are a map of strings", "pods", "metadata.labels.{}", "string"),
        new Case("resource limits are quantities", "pods",
            "spec.containers.[].resources.limits.{}", "io.k8s.apimachinery.pkg.api.resource.Quantity"),
        new Case("a service target port is an int-or-string", "services",
            "spec.ports.[].targetPort", "io.k8s.apimachinery.pkg.util.intstr.IntOrString"),
        new Case("the rolling update surge is an int-or-string", "deployments",
            "spec.strategy.rollingUpdate.maxSurge",
            "io.k8s.apimachinery.pkg.util.intstr.IntOrString"),
        new Case("the creation timestamp is a Time", "pods", "metadata.creationTimestamp",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Time"),
        new Case("a condition transition is a Time", "nodes",
            "status.conditions.[].lastTransitionTime", "io.k8s.apimachinery.pkg.apis.meta.v1.Time"),
        new Case("a lease renew time is a MicroTime", "leases", "spec.renewTime",
            "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"),
        new Case("an event time is a MicroTime", "events", "eventTime",
            "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"),
        new Case("secret data is base64 bytes", "secrets", "data.{}", "string/byte"),
        new Case("config map binary data is base64 bytes", "configmaps", "binaryData.{}",
            "string/byte"),
        new Case("managed fields are free-form FieldsV1", "pods", "metadata.managedFields.[].fieldsV1",
            "free:io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void shape(Case c) {
    assertThat(describe(at(ModelSchema.forKind(type(c.plural())), c.path()))).isEqualTo(c.shape());
  }

  record FieldCase(String name, String plural, String path, String strategy, String mergeKey,
      String listType, List<String> mapKeys) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FieldCase> patchMetadata() {
    return Stream.of(
        new FieldCase("containers merge by name", "pods", "spec.containers", "merge", "name",
            "map", List.of("name")),
        new FieldCase("init containers merge by name", "pods", "spec.initContainers", "merge",
            "name", "map", List.of("name")),
        new FieldCase("ephemeral containers merge by name", "pods", "spec.ephemeralContainers",
            "merge", "name", "map", List.of("name")),
        new FieldCase("env merges by name", "pods", "spec.containers.[].env", "merge", "name",
            "map", List.of("name")),
        new FieldCase("container ports merge by containerPort, keyed with protocol", "pods",
            "spec.containers.[].ports", "merge", "containerPort", "map",
            List.of("containerPort", "protocol")),
        new FieldCase("volume mounts merge by mountPath", "pods", "spec.containers.[].volumeMounts",
            "merge", "mountPath", "map", List.of("mountPath")),
        new FieldCase("volumes merge by name and retain keys", "pods", "spec.volumes",
            "merge,retainKeys", "name", "map", List.of("name")),
        new FieldCase("tolerations are atomic", "pods", "spec.tolerations", "", "", "atomic",
            List.of()),
        new FieldCase("image pull secrets merge by name", "pods", "spec.imagePullSecrets", "merge",
            "name", "map", List.of("name")),
        new FieldCase("host aliases merge by ip", "pods", "spec.hostAliases", "merge", "ip", "map",
            List.of("ip")),
        new FieldCase("topology spread constraints are keyed by topology key and action", "pods",
            "spec.topologySpreadConstraints", "merge", "topologyKey", "map",
            List.of("topologyKey", "whenUnsatisfiable")),
        new FieldCase("pod conditions merge by type", "pods", "status.conditions", "merge", "type",
            "map", List.of("type")),
        new FieldCase("container args are atomic", "pods", "spec.containers.[].args", "", "",
            "atomic", List.of()),
        new FieldCase("service ports merge by port, keyed with protocol", "services", "spec.ports",
            "merge", "port", "map", List.of("port", "protocol")),
        new FieldCase("finalizers merge as a set", "pods", "metadata.finalizers", "merge", "",
            "set", List.of()),
        new FieldCase("owner references merge by uid", "replicasets", "metadata.ownerReferences",
            "merge", "uid", "map", List.of("uid")),
        new FieldCase("taints are atomic", "nodes", "spec.taints", "", "", "atomic", List.of()),
        new FieldCase("node addresses merge by type", "nodes", "status.addresses", "merge", "type",
            "map", List.of("type")),
        new FieldCase("node conditions merge by type", "nodes", "status.conditions", "merge",
            "type", "map", List.of("type")),
        new FieldCase("deployment conditions merge by type", "deployments", "status.conditions",
            "merge", "type", "map", List.of("type")),
        new FieldCase("deployment template containers merge by name", "deployments",
            "spec.template.spec.containers", "merge", "name", "map", List.of("name")),
        new FieldCase("endpoint subsets are atomic", "endpoints", "subsets", "", "", "atomic",
            List.of()),
        new FieldCase("service account secrets merge by name", "serviceaccounts", "secrets",
            "merge", "name", "map", List.of("name")),
        new FieldCase("namespace finalizers are atomic", "namespaces", "spec.finalizers", "", "",
            "atomic", List.of()),
        new FieldCase("the deployment strategy is a union with retained keys", "deployments",
            "spec.strategy", "retainKeys", "", "", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patchMetadata")
  void patchMeta(FieldCase c) {
    PatchMeta meta = navigate(ModelSchema.patchMeta(type(c.plural())), c.path());
    assertThat(List.of(meta.patchStrategy(), meta.patchMergeKey(), meta.listType()))
        .as(meta.toString())
        .containsExactly(c.strategy(), c.mergeKey(), c.listType());
    assertThat(meta.listMapKeys()).isEqualTo(c.mapKeys());
  }

  record KindCase(String name, String plural, String path, PatchMeta.Kind kind) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<KindCase> kinds() {
    return Stream.of(
        new KindCase("the root is an object", "pods", "", PatchMeta.Kind.OBJECT),
        new KindCase("spec is an object", "pods", "spec", PatchMeta.Kind.OBJECT),
        new KindCase("containers are a list", "pods", "spec.containers", PatchMeta.Kind.LIST),
        new KindCase("a container is an object", "pods", "spec.containers.[]",
            PatchMeta.Kind.OBJECT),
        new KindCase("labels are a map", "pods", "metadata.labels", PatchMeta.Kind.MAP),
        new KindCase("a label value is a scalar", "pods", "metadata.labels.app",
            PatchMeta.Kind.SCALAR),
        new KindCase("a quantity is a scalar", "pods", "spec.containers.[].resources.limits.cpu",
            PatchMeta.Kind.SCALAR),
        new KindCase("an int-or-string is a scalar", "services", "spec.ports.[].targetPort",
            PatchMeta.Kind.SCALAR),
        new KindCase("a field the schema lacks is unknown", "pods", "spec.nonsense",
            PatchMeta.Kind.UNKNOWN),
        new KindCase("below an unknown field all is unknown", "pods", "spec.nonsense.deeper",
            PatchMeta.Kind.UNKNOWN),
        new KindCase("a directive key is unknown", "pods", "spec.$setElementOrder/containers",
            PatchMeta.Kind.UNKNOWN),
        new KindCase("free-form FieldsV1 merges like plain JSON", "pods",
            "metadata.managedFields.[].fieldsV1", PatchMeta.Kind.UNKNOWN),
        new KindCase("items of a non-list are unknown", "pods", "spec.[]", PatchMeta.Kind.UNKNOWN),
        new KindCase("a field of a list is unknown", "pods", "spec.containers.name",
            PatchMeta.Kind.UNKNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void kind(KindCase c) {
    assertThat(navigate(ModelSchema.patchMeta(type(c.plural())), c.path()).kind())
        .isEqualTo(c.kind());
  }

  @Test
  void volumesAreUnionsWhoseUnsetMembersAPatchClears() {
    PatchMeta volume = ModelSchema.patchMeta(type("pods")).field("spec").field("volumes").items();
    assertThat(volume.kind()).isEqualTo(PatchMeta.Kind.OBJECT);
    assertThat(volume.patchStrategy()).isEqualTo("retainKeys");
    PatchMeta container = ModelSchema.patchMeta(type("pods")).field("spec").field("containers")
        .items();
    assertThat(container.patchStrategy()).isEmpty();
  }

  @Test
  void everyListReachableFromTheServedKindsHasKubernetesListMetadata() {
    List<String> undeclared = new ArrayList<>();
    Set<ObjectSchema> seen = new HashSet<>();
    for (ResourceType type : ResourceRegistry.builtin().all()) {
      collectUndeclaredLists(ModelSchema.forKind(type), seen, undeclared);
    }
    assertThat(undeclared).isEmpty();
    assertThat(seen).hasSizeGreaterThan(150);
  }

  @Test
  void everyListFactNamesAFieldTheModelHas() {
    Set<String> modelLists = new HashSet<>();
    Set<ObjectSchema> seen = new HashSet<>();
    for (ResourceType type : ResourceRegistry.builtin().all()) {
      collectLists(ModelSchema.forKind(type), seen, modelLists);
    }
    collectLists(ModelSchema.forClass(io.fabric8.kubernetes.api.model.DeleteOptions.class), seen,
        modelLists);
    collectLists(ModelSchema.forClass(io.fabric8.kubernetes.api.model.Status.class), seen,
        modelLists);
    collectLists(ModelSchema.forClass(io.fabric8.kubernetes.api.model.APIResourceList.class), seen,
        modelLists);
    assertThat(modelLists).containsAll(PatchFacts.lists().keySet());
  }

  @Test
  void listsOfTheServedKindsHaveTheirOwnSchema() {
    ObjectSchema list = ModelSchema.forList(type("pods")).orElseThrow();
    assertThat(list.definitionName()).isEqualTo("io.k8s.api.core.v1.PodList");
    assertThat(list.required()).containsExactly("items");
    assertThat(list.field("metadata").orElseThrow().schema().definitionName())
        .isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta");
    ObjectSchema listMeta = (ObjectSchema) list.field("metadata").orElseThrow().schema();
    assertThat(listMeta.fields()).containsKey("continue").doesNotContainKey("_continue");
  }

  @Test
  void requiredFieldsAndAtomicStructsAreKnown() {
    ObjectSchema pod = ModelSchema.forKind(type("pods"));
    ObjectSchema spec = (ObjectSchema) pod.field("spec").orElseThrow().schema();
    assertThat(spec.required()).containsExactly("containers");
    ObjectSchema container = (ObjectSchema) ((ArraySchema) spec.field("containers").orElseThrow()
        .schema()).items();
    assertThat(container.required()).containsExactly("name");
    assertThat(pod.description()).startsWith("Pod is");
    ObjectSchema selector = (ObjectSchema) ((ObjectSchema) ModelSchema.forKind(type("deployments"))
        .field("spec").orElseThrow().schema()).field("selector").orElseThrow().schema();
    assertThat(selector.mapType()).isEqualTo("atomic");
    assertThat(((ObjectSchema) ModelSchema.forKind(type("services")).field("spec").orElseThrow()
        .schema()).field("selector").orElseThrow().mapType()).isEqualTo("atomic");
  }

  @Test
  void additionalPropertiesOfTheModelAreNotFields() {
    assertThat(ModelSchema.forClass(Pod.class).fields().keySet())
        .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
  }

  @Test
  void scalarsAreNotObjects() {
    assertThat(ModelSchema.of(Quantity.class)).isEqualTo(ScalarSchema.QUANTITY);
    assertThatThrownBy(() -> ModelSchema.forClass(Quantity.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(30)
  void concurrentLookupsSeeOneCompleteSchema() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<ObjectSchema>> lookups = IntStream.range(0, 8)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ModelSchema.forKind(type(i % 2 == 0 ? "replicasets" : "deployments"));
        }))
        .toList();
    start.countDown();
    for (CompletableFuture<ObjectSchema> lookup : lookups) {
      ObjectSchema schema = lookup.get();
      assertThat(schema.fields()).containsKeys("metadata", "spec", "status");
      assertThat(schema).isSameAs(ModelSchema.forClass(schema.modelClass()));
    }
  }

  private static void collectUndeclaredLists(ObjectSchema schema, Set<ObjectSchema> seen,
      List<String> undeclared) {
    if (!seen.add(schema)) {
      return;
    }
    for (Field field : schema.fields().values()) {
      if (field.schema() instanceof ArraySchema && field.listType().isEmpty()) {
        undeclared.add(schema.definitionName() + "." + field.name());
      }
      for (ObjectSchema child : children(field.schema())) {
        collectUndeclaredLists(child, seen, undeclared);
      }
    }
  }

  private static void collectLists(ObjectSchema schema, Set<ObjectSchema> seen,
      Set<String> lists) {
    if (!seen.add(schema)) {
      return;
    }
    for (Field field : schema.fields().values()) {
      if (field.schema() instanceof ArraySchema) {
        lists.add(schema.definitionName() + "." + field.name());
      }
      for (ObjectSchema child : children(field.schema())) {
        collectLists(child, seen, lists);
      }
    }
  }

  private static List<ObjectSchema> children(Schema schema) {
    if (schema instanceof ObjectSchema object) {
      return List.of(object);
    }
    if (schema instanceof ArraySchema array) {
      return children(array.items());
    }
    if (schema instanceof MapSchema map) {
      return children(map.values());
    }
    return List.of();
  }

  private static Schema at(Schema root, String path) {
    Schema schema = root;
    for (String step : path.isEmpty() ? new String[0] : path.split("\\.")) {
      schema = switch (step) {
        case "[]" -> ((ArraySchema) schema).items();
        case "{}" -> ((MapSchema) schema).values();
        default -> ((ObjectSchema) schema).field(step).orElseThrow(
            () -> new AssertionError("no field " + step + " in " + path)).schema();
      };
    }
    return schema;
  }

  private static String describe(Schema schema) {
    if (schema instanceof ScalarSchema scalar) {
      if (scalar.named()) {
        return scalar.definitionName();
      }
      return scalar.format().isEmpty() ? scalar.type() : scalar.type() + "/" + scalar.format();
    }
    if (schema instanceof FreeFormSchema free) {
      return "free:" + free.definitionName();
    }
    return schema.definitionName();
  }

  private static PatchMeta navigate(PatchMeta root, String path) {
    PatchMeta meta = root;
    for (String step : path.isEmpty() ? new String[0] : path.split("\\.")) {
      meta = step.equals("[]") ? meta.items() : meta.field(step);
    }
    return meta;
  }
}
