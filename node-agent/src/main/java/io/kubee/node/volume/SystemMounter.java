package io.kubee.node.volume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** mount(8) and umount(8), and /proc/self/mountinfo to see what is mounted. */
final class SystemMounter implements Mounter {
  @Override
  public void mountTmpfs(Path dir, long sizeBytes) throws IOException {
    if (mountsUnder(dir).contains(dir)) {
      return;
    }
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of("mount", "-t", "tmpfs"));
    if (sizeBytes > 0) {
      command.addAll(List.of("-o", "size=" + sizeBytes));
    }
    command.addAll(List.of("tmpfs", dir.toString()));
    run(command);
  }

  @Override
  public void unmount(Path dir) throws IOException {
    if (!mountsUnder(dir).contains(dir)) {
      return;
    }
    run(List.of("umount", dir.toString()));
  }

  @Override
  public List<Path> mountsUnder(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    List<Path> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"),
        StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      Path point = Path.of(unescape(fields[4]));
      if (point.startsWith(abs)) {
        found.add(point);
      }
    }
    found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return found;
  }

  /** mountinfo escapes space, tab, newline and backslash as octal. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }
}
