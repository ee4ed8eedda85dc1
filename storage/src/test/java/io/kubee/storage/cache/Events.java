package io.kubee.storage.cache;

import io.kubee.api.codec.Codec;
import io.kubee.api.meta.Meta;
import tools.jackson.databind.node.ObjectNode;

/** Builds cache events for tests. */
final class Events {
  private Events() {}

  static ObjectNode pod(String name, String app) {
    ObjectNode pod = Codec.INSTANCE.newObject();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", "default");
    if (app != null) {
      metadata.putObject("labels").put("app", app);
    }
    return pod;
  }

  static CacheEvent created(String name, String app, long revision) {
    ObjectNode pod = pod(name, app);
    Meta.setResourceVersion(pod, revision);
    return new CacheEvent(RawEvent.Kind.PUT, key(name), revision, pod, null);
  }

  static CacheEvent updated(String name, String oldApp, String newApp, long before, long revision) {
    ObjectNode old = pod(name, oldApp);
    Meta.setResourceVersion(old, before);
    ObjectNode now = pod(name, newApp);
    Meta.setResourceVersion(now, revision);
    return new CacheEvent(RawEvent.Kind.PUT, key(name), revision, now, old);
  }

  static CacheEvent deleted(String name, String app, long revision) {
    ObjectNode last = pod(name, app);
    Meta.setResourceVersion(last, revision);
    return new CacheEvent(RawEvent.Kind.DELETE, key(name), revision, last, null);
  }

  static String key(String name) {
    return "/registry/pods/default/" + name;
  }
}
