package io.kubee.node.pod;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes a pod's cgroup after it stopped ({@code <cgroup-root>/pod<uid>} in every cgroup v1
 * hierarchy, or the unified one): runc removes the containers' own cgroups but not the parent
 * the kubelet named for the pod, which kubelet's pod container manager deletes.
 */
public final class PodCgroups {
  private final Path cgroupFs;
  private final String cgroupRoot;

  public PodCgroups(Path cgroupFs, String cgroupRoot) {
    this.cgroupFs = cgroupFs;
    this.cgroupRoot = cgroupRoot.startsWith("/") ? cgroupRoot.substring(1) : cgroupRoot;
  }

  /** Best effort: a cgroup that still holds processes stays. */
  public void remove(String uid) {
    if (!Files.isDirectory(cgroupFs)) {
      return;
    }
    String pod = "pod" + uid;
    remove(cgroupFs.resolve(cgroupRoot).resolve(pod));
    try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(cgroupFs)) {
      for (Path hierarchy : hierarchies) {
        remove(hierarchy.resolve(cgroupRoot).resolve(pod));
      }
    } catch (IOException e) {
      // nothing to clean
    }
  }

  private static void remove(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    // cgroup directories are removed with rmdir, children first
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path child : children) {
        remove(child);
      }
    } catch (IOException e) {
      return;
    }
    dir.toFile().delete();
  }
}
