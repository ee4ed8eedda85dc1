package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.kubee.node.api.ObjectSource;
import io.kubee.node.util.Expansion;
import io.kubee.node.util.Quantities;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment (kubelet's {@code makeEnvironmentVariables} in
 * {@code kubelet_pods.go}): envFrom sources first, then env in order, each value expanded
 * against the variables before it; valueFrom reads the pod's own fields, its resources, and
 * ConfigMap and Secret keys. A missing non-optional source is an {@link EnvException}, which
 * the pod shows as CreateContainerConfigError.
 */
public final class EnvResolver {
  private static final Pattern INDEXED_FIELD =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

  private final ObjectSource objects;

  public EnvResolver(ObjectSource objects) {
    this.objects = objects;
  }

  /** A container's env could not be built; the message says why, as kubelet says it. */
  public static final class EnvException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnvException(String message) {
      super(message);
    }
  }

  /**
   * @param podIps      the pod's IPs (from its sandbox)
   * @param hostIps     the node's IPs
   * @param allocatable the node's allocatable resources: the value of an unset limit
   * @return the variables in definition order
   */
  public Map<String, String> resolve(Pod pod, Container container, List<String> podIps,
      List<String> hostIps, Map<String, Quantity> allocatable) throws EnvException {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    if (container.getEnvFrom() != null) {
      for (EnvFromSource from : container.getEnvFrom()) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        if (from.getConfigMapRef() != null) {
          String name = from.getConfigMapRef().getName();
          Optional<ConfigMap> map = objects.configMap(namespace, name);
          if (map.isEmpty()) {
            if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
              continue;
            }
            throw new EnvException("configmap \"" + name + "\" not found");
          }
          if (map.get().getData() != null) {
            map.get().getData().forEach((k, v) -> env.put(prefix + k, v));
          }
        } else if (from.getSecretRef() != null) {
          String name = from.getSecretRef().getName();
          Optional<Secret> secret = objects.secret(namespace, name);
          if (secret.isEmpty()) {
            if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
              continue;
            }
            throw new EnvException("secret \"" + name + "\" not found");
          }
          secretData(secret.get()).forEach((k, v) -> env.put(prefix + k, v));
        }
      }
    }
    if (container.getEnv() != null) {
      for (EnvVar var : container.getEnv()) {
        String value = var.getValue();
        if (value != null && !value.isEmpty()) {
          value = Expansion.expand(value, env::get);
        } else if (var.getValueFrom() != null) {
          value = valueFrom(pod, container, var.getValueFrom(), podIps, hostIps, allocatable);
          if (value == null) {
            continue; // an optional key that is missing: no variable
          }
        } else {
          value = "";
        }
        env.put(var.getName(), value);
      }
    }
    return env;
  }

  private String valueFrom(Pod pod, Container container, EnvVarSource source,
      List<String> podIps, List<String> hostIps, Map<String, Quantity> allocatable)
      throws EnvException {
    String namespace = pod.getMetadata().getNamespace();
    if (source.getFieldRef() != null) {
      return fieldValue(pod, source.getFieldRef().getFieldPath(), podIps, hostIps);
    }
    if (source.getResourceFieldRef() != null) {
      return resourceValue(pod, container, source.getResourceFieldRef(), allocatable);
    }
    if (source.getConfigMapKeyRef() != null) {
      ConfigMapKeySelector ref = source.getConfigMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Optional<ConfigMap> map = objects.configMap(namespace, ref.getName());
      if (map.isEmpty()) {
        if (optional) {
          return null;
        }
        throw new EnvException("configmap \"" + ref.getName() + "\" not found");
      }
      Map<String, String> data = map.get().getData() == null ? Map.of() : map.get().getData();
      if (!data.containsKey(ref.getKey())) {
        if (optional) {
          return null;
        }
        throw new EnvException("couldn't find key " + ref.getKey() + " in ConfigMap "
            + namespace + "/" + ref.getName());
      }
      return data.get(ref.getKey());
    }
    if (source.getSecretKeyRef() != null) {
      SecretKeySelector ref = source.getSecretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Optional<Secret> secret = objects.secret(namespace, ref.getName());
      if (secret.isEmpty()) {
        if (optional) {
          return null;
        }
        throw new EnvException("secret \"" + ref.getName() + "\" not found");
      }
      Map<String, String> data = secretData(secret.get());
      if (!data.containsKey(ref.getKey())) {
        if (optional) {
          return null;
        }
        throw new EnvException("couldn't find key " + ref.getKey() + " in Secret "
            + namespace + "/" + ref.getName());
      }
      return data.get(ref.getKey());
    }
    return "";
  }

  /** The value of a pod field a fieldRef names (env and the downward API share this). */
  public static String fieldValue(Pod pod, String path, List<String> podIps,
      List<String> hostIps) throws EnvException {
    Matcher indexed = INDEXED_FIELD.matcher(path);
    if (indexed.matches()) {
      Map<String, String> map = indexed.group(1).equals("labels")
          ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
      return map == null ? "" : map.getOrDefault(indexed.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.namespace" -> pod.getMetadata().getNamespace();
      case "metadata.uid" -> pod.getMetadata().getUid();
      case "spec.nodeName" -> nullToEmpty(pod.getSpec().getNodeName());
      case "spec.serviceAccountName" -> nullToEmpty(pod.getSpec().getServiceAccountName());
      case "status.podIP" -> podIps.isEmpty() ? "" : podIps.get(0);
      case "status.podIPs" -> String.join(",", podIps);
      case "status.hostIP" -> hostIps.isEmpty() ? "" : hostIps.get(0);
      case "status.hostIPs" -> String.join(",", hostIps);
      default -> throw new EnvException("unsupported fieldPath: " + path);
    };
  }

  /**
   * A container's resource as a whole number of {@code divisor}, rounded up; an unset limit is
   * the node's allocatable (kubelet's {@code ExtractContainerResourceValue}).
   */
  public static String resourceValue(Pod pod, Container container, ResourceFieldSelector ref,
      Map<String, Quantity> allocatable) throws EnvException {
    Container target = container;
    if (ref.getContainerName() != null && !ref.getContainerName().isEmpty()) {
      target = findContainer(pod, ref.getContainerName());
      if (target == null) {
        throw new EnvException("container " + ref.getContainerName() + " not found");
      }
    }
    String resource = ref.getResource();
    String[] parts = resource.split("\\.", 2);
    if (parts.length != 2) {
      throw new EnvException("unsupported container resource: " + resource);
    }
    Map<String, Quantity> values = target.getResources() == null ? null
        : parts[0].equals("limits") ? target.getResources().getLimits()
        : parts[0].equals("requests") ? target.getResources().getRequests() : null;
    Quantity quantity = Quantities.get(values, parts[1]);
    if (quantity == null && parts[0].equals("limits")) {
      quantity = Quantities.get(allocatable, parts[1]);
    }
    BigDecimal amount = quantity == null ? BigDecimal.ZERO : Quantities.amount(quantity);
    Quantity divisor = ref.getDivisor() == null ? new Quantity("1") : ref.getDivisor();
    BigDecimal by = Quantities.amount(divisor);
    if (by.signum() == 0) {
      by = BigDecimal.ONE;
    }
    return amount.divide(by, 0, RoundingMode.CEILING).toPlainString();
  }

  private static Container findContainer(Pod pod, String name) {
    for (List<Container> list : List.of(pod.getSpec().getContainers(),
        pod.getSpec().getInitContainers() == null ? List.<Container>of()
            : pod.getSpec().getInitContainers())) {
      for (Container c : list) {
        if (c.getName().equals(name)) {
          return c;
        }
      }
    }
    return null;
  }

  /** A Secret's data decoded, its stringData merged (as the apiserver would). */
  public static Map<String, String> secretData(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k,
          new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return data;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
