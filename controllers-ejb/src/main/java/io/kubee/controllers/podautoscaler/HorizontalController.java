package io.kubee.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.ControllerManagerOptions;
import io.kubee.controllers.Events;
import io.kubee.controllers.PeriodicJob;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.api.DynamicApi;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Lister;
import io.kubee.api.selector.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Horizontal pod autoscaling (pkg/controller/podautoscaler/horizontal.go), every sync-period
 * (15 s): reads the target's scale subresource, computes the replicas its CPU (or memory)
 * utilization target asks for from the metrics API, bounds them with the behavior and
 * min/max replicas, rescales (SuccessfulRescale) and reports conditions AbleToScale,
 * ScalingActive and ScalingLimited. Without the metrics API (no monitoring add-on) it reports
 * ScalingActive=False, FailedGetResourceMetric, and leaves the replicas alone.
 */
public final class HorizontalController extends QueueController {
  public static final String NAME = "horizontalpodautoscaling";
  public static final String JOB = "horizontalpodautoscaling/resync";

  /** The settings; Kubernetes' defaults in {@link #from}. */
  public record Settings(Duration syncPeriod, double tolerance, Duration downscaleStabilization,
      Duration cpuInitializationPeriod, Duration initialReadinessDelay) {
    public static Settings from(ControllerManagerOptions options) {
      return new Settings(
          options.duration(NAME + ".sync-period", Duration.ofSeconds(15)),
          options.number(NAME + ".tolerance", 0.1),
          options.duration(NAME + ".downscale-stabilization", Duration.ofMinutes(5)),
          options.duration(NAME + ".cpu-initialization-period", Duration.ofMinutes(5)),
          options.duration(NAME + ".initial-readiness-delay", Duration.ofSeconds(30)));
    }
  }

  private final Lister<HorizontalPodAutoscaler> autoscalers;
  private final Lister<Pod> pods;
  private final KubeApi api;
  private final DynamicApi dynamic;
  private final MetricsClient metrics;
  private final Events events;
  private final Clock clock;
  private final Settings settings;
  private final ReplicaCalculator calculator;
  private final ScaleNormalizer normalizer;
  private volatile List<ApiResource> resources = List.of();

  public HorizontalController(Lister<HorizontalPodAutoscaler> autoscalers, Lister<Pod> pods,
      KubeApi api, DynamicApi dynamic, MetricsClient metrics, Events events, Clock clock,
      Settings settings, ThreadFactory threads) {
    super(NAME, threads);
    this.autoscalers = autoscalers;
    this.pods = pods;
    this.api = api;
    this.dynamic = dynamic;
    this.metrics = metrics;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.calculator = new ReplicaCalculator(settings.tolerance(),
        settings.cpuInitializationPeriod(), settings.initialReadinessDelay());
    this.normalizer = new ScaleNormalizer(clock);
  }

  public static HorizontalController create(ControllerContext context) {
    SharedIndexInformer<HorizontalPodAutoscaler> informer =
        context.informers().forType(HorizontalPodAutoscaler.class);
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    HorizontalController controller = new HorizontalController(
        new Lister<>(informer.getIndexer()), new Lister<>(podInformer.getIndexer()),
        context.api(), context.dynamic(), new ResourceMetricsClient(context.dynamic()),
        context.events("horizontal-pod-autoscaler"), context.clock(),
        Settings.from(context.options()), context.threads());
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(HorizontalPodAutoscaler hpa) {
        controller.enqueue(hpa);
      }

      @Override
      public void onUpdate(HorizontalPodAutoscaler old, HorizontalPodAutoscaler hpa) {
        if (!Objects.equals(old.getSpec(), hpa.getSpec())) {
          controller.enqueue(hpa);
        }
      }

      @Override
      public void onDelete(HorizontalPodAutoscaler hpa, boolean finalStateUnknown) {
        controller.enqueue(hpa);
      }
    });
    return controller;
  }

  @Override
  public List<PeriodicJob> periodicJobs() {
    return List.of(new PeriodicJob(JOB, settings.syncPeriod(), this::resync));
  }

  @Override
  public void resync() {
    autoscalers.list().forEach(this::enqueue);
  }

  @Override
  public void sync(String key) {
    HorizontalPodAutoscaler cached = autoscalers.get(key);
    if (cached == null) {
      normalizer.forget(key);
      return;
    }
    HorizontalPodAutoscaler hpa = Json.copy(cached);
    HorizontalPodAutoscalerStatus status = hpa.getStatus() == null
        ? new HorizontalPodAutoscalerStatus() : hpa.getStatus();
    hpa.setStatus(status);
    String namespace = hpa.getMetadata().getNamespace();
    var ref = hpa.getSpec().getScaleTargetRef();
    String reference = ref.getKind() + "/" + ref.getName();
    ApiResource target = resolve(ref.getApiVersion(), ref.getKind());
    String scalePath = target == null ? null : target.objectPath(namespace, ref.getName())
        + "/scale";
    Scale scale;
    try {
      String json = scalePath == null ? null : dynamic.get(scalePath);
      if (json == null) {
        throw new KubernetesClientException(ref.getKind().toLowerCase() + " "
            + ref.getName() + " not found (" + reference + ")");
      }
      scale = Json.read(json, Scale.class);
    } catch (KubernetesClientException e) {
      String message = "the HPA controller was unable to get the target's current scale: "
          + e.getMessage();
      setCondition(status, "AbleToScale", "False", "FailedGetScale", message);
      events.event(hpa, Events.WARNING, "FailedGetScale", e.getMessage());
      writeStatus(cached, hpa);
      return;
    }
    setCondition(status, "AbleToScale", "True", "SucceededGetScale",
        "the HPA controller was able to get the target's current scale");
    int current = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
    int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
    int max = hpa.getSpec().getMaxReplicas();
    int desired;
    String reason;
    List<MetricStatus> metricStatuses = status.getCurrentMetrics();
    if (current == 0 && min != 0) {
      desired = 0;
      reason = "";
      setCondition(status, "ScalingActive", "False", "ScalingDisabled",
          "scaling is disabled since the replica count of the target is zero");
    } else if (current > max) {
      desired = max;
      reason = "Current number of replicas above Spec.MaxReplicas";
    } else if (current < min) {
      desired = min;
      reason = "Current number of replicas below Spec.MinReplicas";
    } else {
      String selector = scale.getStatus() == null ? null : scale.getStatus().getSelector();
      Computed computed = computeReplicas(hpa, current, selector, namespace);
      if (computed.error() != null) {
        status.setCurrentReplicas(current);
        writeStatus(cached, hpa);
        return;
      }
      metricStatuses = computed.statuses();
      ScaleNormalizer.Result bounded = normalizer.normalize(key, rules(hpa, true),
          rules(hpa, false), current, computed.replicas(), min, max);
      setCondition(status, "AbleToScale", "True", bounded.stabilizedReason(),
          bounded.stabilizedMessage());
      setCondition(status, "ScalingLimited", bounded.limited() ? "True" : "False",
          bounded.limitReason(), bounded.limitMessage());
      desired = bounded.replicas();
      reason = computed.reason() + (desired > current ? " above target" : "");
      if (desired < current) {
        reason = "All metrics below target";
      }
    }
    if (desired != current) {
      Scale updated = Json.copy(scale);
      updated.getSpec().setReplicas(desired);
      dynamic.put(scalePath, Json.write(updated));
      events.event(hpa, Events.NORMAL, "SuccessfulRescale",
          "New size: " + desired + "; reason: " + reason);
      normalizer.recordScale(key, current, desired);
      status.setLastScaleTime(now());
    }
    status.setCurrentReplicas(current);
    status.setDesiredReplicas(desired);
    status.setCurrentMetrics(metricStatuses);
    writeStatus(cached, hpa);
  }

  /** The outcome of the metrics: replicas and statuses, or the error reported. */
  private record Computed(int replicas, List<MetricStatus> statuses, String reason,
      String error) {}

  /** {@code computeReplicasForMetrics}: the largest count any valid metric asks for. */
  private Computed computeReplicas(HorizontalPodAutoscaler hpa, int current, String selector,
      String namespace) {
    HorizontalPodAutoscalerStatus status = hpa.getStatus();
    List<MetricStatus> statuses = new ArrayList<>();
    int best = -1;
    String bestReason = "";
    String firstError = null;
    String firstReason = null;
    int invalid = 0;
    List<MetricSpec> specs = hpa.getSpec().getMetrics();
    for (MetricSpec spec : specs) {
      if (!"Resource".equals(spec.getType()) || spec.getResource() == null) {
        invalid++;
        if (firstError == null) {
          firstError = "unsupported metric source type " + spec.getType();
          firstReason = "FailedGetExternalMetric";
        }
        statuses.add(new MetricStatusBuilder().withType("").build());
        continue;
      }
      String resource = spec.getResource().getName();
      Integer target = spec.getResource().getTarget().getAverageUtilization();
      try {
        if (selector == null || selector.isEmpty()) {
          throw new IllegalStateException("selector is required");
        }
        LabelSelector parsed = LabelSelector.parse(selector);
        List<Pod> selected = pods.list(namespace, p -> parsed.matches(
            p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()));
        Map<String, MetricsClient.PodMetric> usage = metrics.podMetrics(resource, namespace,
            selector);
        ReplicaCalculator.Result result = calculator.resourceReplicas(current,
            target == null ? 100 : target, resource, selected, usage, clock.instant());
        statuses.add(new MetricStatusBuilder().withType("Resource").withNewResource()
            .withName(resource).withNewCurrent()
            .withAverageUtilization(result.utilization())
            .withAverageValue(new Quantity(result.averageMilli() + "m")).endCurrent()
            .endResource().build());
        if (result.replicas() > best) {
          best = result.replicas();
          bestReason = resource + " resource utilization (percentage of request)";
        }
      } catch (RuntimeException e) {
        invalid++;
        if (firstError == null) {
          firstError = "failed to get " + resource + " utilization: " + e.getMessage();
          firstReason = "FailedGetResourceMetric";
          events.event(hpa, Events.WARNING, "FailedGetResourceMetric", e.getMessage());
        }
      }
    }
    if (invalid == specs.size() || best < 0) {
      String message = "the HPA was unable to compute the replica count: " + firstError;
      setCondition(status, "ScalingActive", "False", firstReason, message);
      events.event(hpa, Events.WARNING, "FailedComputeMetricsReplicas", "invalid metrics ("
          + invalid + " invalid out of " + specs.size() + "), first error is: " + firstError);
      return new Computed(current, statuses, "", firstError);
    }
    setCondition(status, "ScalingActive", "True", "ValidMetricFound",
        "the HPA was able to successfully calculate a replica count from " + bestReason);
    return new Computed(best, statuses, bestReason, null);
  }

  /** The behavior's rules, defaulted as the API defaults a given behavior. */
  private HPAScalingRules rules(HorizontalPodAutoscaler hpa, boolean up) {
    var behavior = hpa.getSpec().getBehavior();
    HPAScalingRules given = behavior == null ? null
        : up ? behavior.getScaleUp() : behavior.getScaleDown();
    HPAScalingRulesBuilder rules = given == null ? new HPAScalingRulesBuilder()
        : new HPAScalingRulesBuilder(given);
    HPAScalingRules built = rules.build();
    if (built.getStabilizationWindowSeconds() == null) {
      built.setStabilizationWindowSeconds(up ? 0
          : (int) settings.downscaleStabilization().getSeconds());
    }
    if (built.getSelectPolicy() == null) {
      built.setSelectPolicy("Max");
    }
    if (built.getPolicies() == null || built.getPolicies().isEmpty()) {
      built.setPolicies(up
          ? List.of(policy("Pods", 4), policy("Percent", 100))
          : List.of(policy("Percent", 100)));
    }
    return built;
  }

  private static io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy policy(
      String type, int value) {
    return new io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder()
        .withType(type).withValue(value).withPeriodSeconds(15).build();
  }

  private ApiResource resolve(String apiVersion, String kind) {
    for (int attempt = 0; attempt < 2; attempt++) {
      for (ApiResource resource : resources) {
        if (resource.kind().equals(kind) && (apiVersion == null || apiVersion.isEmpty()
            || resource.apiVersion().equals(apiVersion))) {
          return resource;
        }
      }
      if (attempt == 0) {
        resources = dynamic.discover();
      }
    }
    return null;
  }

  private void setCondition(HorizontalPodAutoscalerStatus status, String type,
      String conditionStatus, String reason, String message) {
    List<HorizontalPodAutoscalerCondition> conditions = status.getConditions() == null
        ? new ArrayList<>() : new ArrayList<>(status.getConditions());
    HorizontalPodAutoscalerCondition existing = conditions.stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    String transition = existing != null && conditionStatus.equals(existing.getStatus())
        ? existing.getLastTransitionTime() : now();
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(new HorizontalPodAutoscalerConditionBuilder().withType(type)
        .withStatus(conditionStatus).withReason(reason).withMessage(message)
        .withLastTransitionTime(transition).build());
    status.setConditions(conditions);
  }

  private void writeStatus(HorizontalPodAutoscaler cached, HorizontalPodAutoscaler hpa) {
    hpa.getStatus().setObservedGeneration(hpa.getMetadata().getGeneration());
    if (Objects.equals(cached.getStatus(), hpa.getStatus())) {
      return;
    }
    api.updateStatus(hpa);
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
