package io.kubee.node.volume;

import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * hostPath volumes (k8s.io/kubernetes {@code pkg/volume/hostpath}): the node's own path,
 * checked against its type — DirectoryOrCreate and FileOrCreate create it (0755 / 0644),
 * Directory, File, Socket, CharDevice and BlockDevice require it to be one; no type checks
 * nothing.
 */
final class HostPaths {
  private HostPaths() {}

  static Path prepare(HostPathVolumeSource source) throws IOException,
      VolumeManager.VolumeException {
    Path path = Path.of(source.getPath());
    String type = source.getType() == null ? "" : source.getType();
    switch (type) {
      case "DirectoryOrCreate" -> {
        if (!Files.exists(path)) {
          Files.createDirectories(path, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rwxr-xr-x")));
        } else if (!Files.isDirectory(path)) {
          throw mismatch(path, "a directory");
        }
      }
      case "Directory" -> {
        if (!Files.isDirectory(path)) {
          throw mismatch(path, "a directory");
        }
      }
      case "FileOrCreate" -> {
        if (!Files.exists(path)) {
          Files.createDirectories(path.getParent());
          Files.createFile(path, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rw-r--r--")));
        } else if (!Files.isRegularFile(path)) {
          throw mismatch(path, "a file");
        }
      }
      case "File" -> {
        if (!Files.isRegularFile(path)) {
          throw mismatch(path, "a file");
        }
      }
      case "Socket", "CharDevice", "BlockDevice" -> {
        int format = Files.exists(path)
            ? (Integer) Files.getAttribute(path, "unix:mode") & 0170000 : 0;
        int wanted = switch (type) {
          case "Socket" -> 0140000;
          case "CharDevice" -> 0020000;
          default -> 0060000;
        };
        if (format != wanted) {
          throw mismatch(path, "a " + type);
        }
      }
      default -> { }
    }
    return path;
  }

  private static VolumeManager.VolumeException mismatch(Path path, String what) {
    return new VolumeManager.VolumeException("hostPath type check failed: " + path
        + " is not " + what);
  }
}
