package io.kubee.node.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Mounts for volumes that live in memory (emptyDir with medium Memory, secrets), as kubelet's
 * {@code mount.Interface}. {@link #SYSTEM} runs mount(8)/umount(8) (the node agent is root, as
 * kubelet); {@link #NONE} only creates directories, for the simulated runtime and unit tests.
 */
public interface Mounter {
  /** Mounts a tmpfs at {@code dir}, at most {@code sizeBytes} (0: tmpfs' default). Idempotent. */
  void mountTmpfs(Path dir, long sizeBytes) throws IOException;

  /** Unmounts {@code dir}. Idempotent. */
  void unmount(Path dir) throws IOException;

  /** Mount points at or below {@code dir}, deepest first. */
  List<Path> mountsUnder(Path dir) throws IOException;

  Mounter SYSTEM = new SystemMounter();

  Mounter NONE = new Mounter() {
    @Override
    public void mountTmpfs(Path dir, long sizeBytes) {}

    @Override
    public void unmount(Path dir) {}

    @Override
    public List<Path> mountsUnder(Path dir) {
      return List.of();
    }
  };
}
