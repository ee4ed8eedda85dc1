package io.kubee.node.volume;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a volume's files so that a reader never sees a half-updated set (k8s.io/kubernetes
 * {@code pkg/volume/util/atomic_writer.go}): the files go into a fresh hidden directory
 * {@code ..<timestamp>}, the {@code ..data} symlink is switched to it by a rename, and each
 * visible path is a symlink through {@code ..data}. Writing an unchanged payload does nothing.
 * This is how configMap, secret, downwardAPI and projected volumes update in place.
 */
public final class AtomicWriter {
  static final String DATA = "..data";

  /** One file: its bytes and permission bits. */
  public record FileContent(byte[] data, int mode) {}

  private AtomicWriter() {}

  /**
   * @param payload relative path to content
   * @return whether anything changed on disk
   */
  public static boolean write(Path target, Map<String, FileContent> payload) throws IOException {
    Files.createDirectories(target);
    Map<String, FileContent> sorted = new TreeMap<>(payload);
    for (String path : sorted.keySet()) {
      validate(path);
    }
    Path data = target.resolve(DATA);
    Path current = Files.isSymbolicLink(data) ? target.resolve(Files.readSymbolicLink(data)) : null;
    if (current != null && same(current, sorted)) {
      return false;
    }
    Path fresh = target.resolve(".." + Instant.now().toString().replace(':', '_')
        + "." + System.nanoTime());
    Files.createDirectory(fresh);
    for (Map.Entry<String, FileContent> e : sorted.entrySet()) {
      Path file = fresh.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue().data());
      Files.setPosixFilePermissions(file, permissions(e.getValue().mode()));
    }
    fresh.toFile().setReadable(true, false);
    fresh.toFile().setExecutable(true, false);
    Path tmp = target.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, fresh.getFileName());
    Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    // visible entries: one symlink per top-level name through ..data
    Set<String> wanted = new HashSet<>();
    for (String path : sorted.keySet()) {
      wanted.add(path.split("/", 2)[0]);
    }
    for (String top : wanted) {
      Path link = target.resolve(top);
      if (!Files.isSymbolicLink(link)) {
        try {
          Files.createSymbolicLink(link, Path.of(DATA, top));
        } catch (FileAlreadyExistsException e) {
          // a leftover regular entry is not ours to keep
          deleteRecursively(link);
          Files.createSymbolicLink(link, Path.of(DATA, top));
        }
      }
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith("..")) {
          if (!name.equals(DATA) && !entry.equals(fresh)) {
            deleteRecursively(entry);
          }
        } else if (!wanted.contains(name) && Files.isSymbolicLink(entry)) {
          Files.delete(entry);
        }
      }
    }
    return true;
  }

  private static boolean same(Path dir, Map<String, FileContent> payload) throws IOException {
    Set<String> seen = new HashSet<>();
    try (var files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          seen.add(dir.relativize(file).toString());
        }
      }
    }
    if (!seen.equals(payload.keySet())) {
      return false;
    }
    for (Map.Entry<String, FileContent> e : payload.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Arrays.equals(Files.readAllBytes(file), e.getValue().data())
          || !Files.getPosixFilePermissions(file).equals(permissions(e.getValue().mode()))) {
        return false;
      }
    }
    return true;
  }

  private static void validate(String path) throws IOException {
    if (path.isEmpty() || path.startsWith("/") || path.startsWith("..")
        || Arrays.asList(path.split("/")).contains("..")) {
      throw new IOException("invalid path in volume: \"" + path + "\"");
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path entry : entries) {
          deleteRecursively(entry);
        }
      }
    }
    Files.deleteIfExists(path);
  }
}
