package io.kubee.node.logs;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;

/**
 * Reads container logs in the CRI format the runtime writes (CRI.md gotcha 7;
 * k8s.io/kubernetes {@code pkg/kubelet/kuberuntime/logs/logs.go}): one record per line,
 * {@code <RFC3339Nano> <stdout|stderr> <P|F> <content>}, where P marks a partial line continued
 * by the next record and F ends a line. Writes the content as the application wrote it,
 * optionally with timestamps, from the last N lines, from a time, up to a byte limit, and
 * following the file while the container runs.
 */
public final class CriLogs {
  private static final long FOLLOW_POLL_MILLIS = 100;
  private static final long RUNNING_CHECK_MILLIS = 1000;

  private CriLogs() {}

  /** Flushes what was written so far to the client (each chunk in follow mode). */
  @FunctionalInterface
  public interface Flusher {
    void flush() throws IOException;
  }

  /**
   * @param running whether the container still runs: following ends after it stopped and the
   *                file has no more data
   */
  public static void write(Path file, LogOptions options, OutputStream out, Flusher flusher,
      BooleanSupplier running) throws IOException, InterruptedException {
    long start = options.tailLines() == null ? 0 : tailStart(file, options.tailLines());
    long remaining = options.limitBytes() == null ? Long.MAX_VALUE : options.limitBytes();
    try (InputStream in = new FileInputStream(file.toFile())) {
      in.skipNBytes(start);
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      long lastRunningCheck = System.nanoTime();
      boolean stopped = false;
      byte[] buffer = new byte[8192];
      while (remaining > 0) {
        int n = in.read(buffer);
        if (n < 0) {
          if (!options.follow() || stopped) {
            break;
          }
          flusher.flush();
          Thread.sleep(FOLLOW_POLL_MILLIS);
          if ((System.nanoTime() - lastRunningCheck) / 1_000_000 >= RUNNING_CHECK_MILLIS) {
            lastRunningCheck = System.nanoTime();
            // one more read after the container stopped picks up its last words
            stopped = !running.getAsBoolean();
          }
          continue;
        }
        for (int i = 0; i < n && remaining > 0; i++) {
          if (buffer[i] != '\n') {
            line.write(buffer[i]);
            continue;
          }
          remaining -= emit(line.toByteArray(), options, out, remaining);
          line.reset();
        }
      }
      flusher.flush();
    }
  }

  /** Writes one record's content; returns how many bytes it wrote. */
  private static long emit(byte[] record, LogOptions options, OutputStream out, long remaining)
      throws IOException {
    Record parsed = parse(record);
    if (parsed == null) {
      return 0;
    }
    if (options.since() != null && parsed.time() != null && parsed.time().isBefore(options.since())) {
      return 0;
    }
    byte[] prefix = options.timestamps()
        ? (parsed.timestamp() + " ").getBytes(StandardCharsets.UTF_8) : new byte[0];
    int contentLength = record.length - parsed.contentOffset();
    long total = prefix.length + contentLength + (parsed.partial() ? 0 : 1);
    long allowed = Math.min(total, remaining);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream((int) total);
    chunk.write(prefix);
    chunk.write(record, parsed.contentOffset(), contentLength);
    if (!parsed.partial()) {
      chunk.write('\n');
    }
    out.write(chunk.toByteArray(), 0, (int) allowed);
    return allowed;
  }

  /**
   * @param timestamp     as written
   * @param time          parsed, or null when unparseable
   * @param contentOffset where the content starts in the record
   * @param partial       a P record (no line end)
   */
  record Record(String timestamp, Instant time, String stream, boolean partial,
      int contentOffset) {}

  /** Parses a record; null when it is not in CRI format. */
  static Record parse(byte[] record) {
    int first = indexOf(record, (byte) ' ', 0);
    if (first < 0) {
      return null;
    }
    int second = indexOf(record, (byte) ' ', first + 1);
    if (second < 0) {
      return null;
    }
    String timestamp = new String(record, 0, first, StandardCharsets.US_ASCII);
    String stream = new String(record, first + 1, second - first - 1, StandardCharsets.US_ASCII);
    boolean partial = false;
    int content = second + 1;
    int third = indexOf(record, (byte) ' ', second + 1);
    if (third > 0 && third - second - 1 == 1
        && (record[second + 1] == 'P' || record[second + 1] == 'F')) {
      partial = record[second + 1] == 'P';
      content = third + 1;
    } else if (third < 0 && record.length - second - 1 == 1
        && (record[second + 1] == 'P' || record[second + 1] == 'F')) {
      partial = record[second + 1] == 'P';
      content = record.length; // an empty line
    }
    Instant time;
    try {
      time = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      time = null;
    }
    return new Record(timestamp, time, stream, partial, content);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The offset where the last {@code lines} lines of the file begin. */
  static long tailStart(Path file, long lines) throws IOException {
    if (lines <= 0) {
      return Files.size(file);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long pos = raf.length();
      long found = 0;
      byte[] block = new byte[8192];
      // a final line end does not start a line
      if (pos > 0) {
        raf.seek(pos - 1);
        if (raf.read() == '\n') {
          pos--;
        }
      }
      while (pos > 0) {
        int size = (int) Math.min(block.length, pos);
        pos -= size;
        raf.seek(pos);
        raf.readFully(block, 0, size);
        for (int i = size - 1; i >= 0; i--) {
          if (block[i] == '\n' && ++found == lines) {
            return pos + i + 1;
          }
        }
      }
      return 0;
    }
  }

  /**
   * The content of the last {@code lines} lines, at most {@code maxBytes} from the end (the
   * termination message of FallbackToLogsOnError).
   */
  public static String lastMessage(Path file, long lines, int maxBytes) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(file, new LogOptions(false, lines, null, false, null), out, () -> { }, () -> false);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
    byte[] bytes = out.toByteArray();
    int from = Math.max(0, bytes.length - maxBytes);
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
  }
}
