package io.kubee.scheduler.framework;

/** A scheduling plugin: a name, and the extension points it implements as interfaces. */
public interface Plugin {
  String name();
}
