package io.kubee.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading container logs in the CRI format containerd writes. */
class CriLogsTest {
  static final String LOG = """
      2026-11-27T14:33:07.000000001Z stdout F one
      2026-11-27T14:33:08.000000001Z stderr F two
      2026-11-27T14:33:09.000000001Z stdout P thr
      2026-11-27T14:33:09.000000002Z stdout F ee
      2026-11-27T14:33:10.000000001Z stdout F
      2026-11-27T14:33:11.000000001Z stdout F five
      """;

  @TempDir
  Path dir;

  private String read(LogOptions options) throws Exception {
    Path file = dir.resolve("0.log");
    Files.writeString(file, LOG);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CriLogs.write(file, options, out, () -> { }, () -> false);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void content_as_written_with_partial_lines_joined() throws Exception {
    assertThat(read(LogOptions.ALL)).isEqualTo("one\ntwo\nthree\n\nfive\n");
  }

  @Test
  void the_last_lines() throws Exception {
    assertThat(read(new LogOptions(false, 2L, null, false, null))).isEqualTo("\nfive\n");
    assertThat(read(new LogOptions(false, 0L, null, false, null))).isEmpty();
    assertThat(read(new LogOptions(false, 100L, null, false, null)))
        .isEqualTo("one\ntwo\nthree\n\nfive\n");
  }

  @Test
  void since_a_time() throws Exception {
    assertThat(read(new LogOptions(false, null, Instant.parse("2026-11-27T14:33:10Z"), false,
        null))).isEqualTo("\nfive\n");
  }

  @Test
  void with_timestamps() throws Exception {
    assertThat(read(new LogOptions(false, 1L, null, true, null)))
        .isEqualTo("2026-11-27T14:33:11.000000001Z five\n");
  }

  @Test
  void up_to_a_byte_limit() throws Exception {
    assertThat(read(new LogOptions(false, null, null, false, 6L))).isEqualTo("one\ntw");
  }

  @Test
  void the_tail_for_a_termination_message() throws Exception {
    Path file = dir.resolve("1.log");
    Files.writeString(file, LOG);
    assertThat(CriLogs.lastMessage(file, 80, 5)).isEqualTo("five\n");
  }

  @Test
  @Timeout(10)
  void following_picks_up_new_lines_and_ends_when_the_container_stops() throws Exception {
    Path file = dir.resolve("2.log");
    Files.writeString(file, "2026-11-27T14:33:07.000000001Z stdout F first\n");
    AtomicBoolean running = new AtomicBoolean(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread follower = new Thread(() -> {
      try {
        CriLogs.write(file, new LogOptions(true, null, null, false, null), out, () -> { },
            running::get);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    follower.start();
    Thread.sleep(300);
    Files.writeString(file, "2026-11-27T14:33:08.000000001Z stdout F second\n",
        java.nio.file.StandardOpenOption.APPEND);
    Thread.sleep(300);
    running.set(false);
    follower.join(5000);
    assertThat(follower.isAlive()).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
  }
}
