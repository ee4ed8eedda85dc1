package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.BindPlugin;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Status;
import java.util.concurrent.CompletionStage;

/**
 * Binds with {@code POST pods/<name>/binding} (plugins/defaultbinder/default_binder.go); a
 * refusal (409 already bound, 404 gone) is an error status and the scheduler requeues the pod.
 */
public final class DefaultBinder implements BindPlugin {
  public static final String NAME = "DefaultBinder";

  private final Handle handle;

  public DefaultBinder(Handle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStage<Status> bind(CycleState state, PodInfo pod, String nodeName) {
    return handle.client().bind(pod.pod(), nodeName)
        .handle((ok, failure) -> failure == null ? Status.SUCCESS : Status.error(
            failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure));
  }
}
