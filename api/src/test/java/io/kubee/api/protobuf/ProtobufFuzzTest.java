package io.kubee.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.errors.ApiException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged kubectl bodies — cut anywhere, bits flipped, bytes replaced, inserted or removed —
 * either decode or fail with 400; nothing else escapes (no index, number-format, date or
 * recursion errors). Seeded, so a failure repeats.
 */
class ProtobufFuzzTest {
  private static final int MUTATIONS_PER_BODY = 3000;

  static java.util.stream.Stream<KubectlBodiesTest.Capture> captures() {
    return KubectlBodiesTest.captures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyTruncationDecodesOrFailsWith400(KubectlBodiesTest.Capture capture) {
    byte[] body = capture.body();
    for (int length = 0; length < body.length; length++) {
      assertDecodesOr400(Arrays.copyOf(body, length), capture.name() + " cut to " + length);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomDamageDecodesOrFailsWith400(KubectlBodiesTest.Capture capture) {
    byte[] body = capture.body();
    Random random = new Random(capture.name().hashCode());
    for (int i = 0; i < MUTATIONS_PER_BODY; i++) {
      byte[] damaged = damage(body, random);
      assertDecodesOr400(damaged, capture.name() + " mutation " + i);
    }
  }

  private static byte[] damage(byte[] body, Random random) {
    byte[] damaged = body.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      // keep the magic most of the time, so the damage reaches the envelope and the object
      int at = damaged.length <= 4 ? 0 : 4 + random.nextInt(damaged.length - 4);
      switch (random.nextInt(5)) {
        case 0 -> damaged[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> damaged[at] = (byte) random.nextInt(256);
        case 2 -> damaged[at] = (byte) (0x80 | random.nextInt(128)); // a varint that goes on
        case 3 -> {
          byte[] longer = new byte[damaged.length + 1];
          System.arraycopy(damaged, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(damaged, at, longer, at + 1, damaged.length - at);
          damaged = longer;
        }
        default -> {
          if (damaged.length > 5) {
            byte[] shorter = new byte[damaged.length - 1];
            System.arraycopy(damaged, 0, shorter, 0, at);
            System.arraycopy(damaged, at + 1, shorter, at, damaged.length - at - 1);
            damaged = shorter;
          }
        }
      }
    }
    return damaged;
  }

  private static void assertDecodesOr400(byte[] body, String what) {
    try {
      DecodedBody decoded = ProtobufBodies.decode(body, null, null);
      assertThat(decoded.object()).as(what).isNotNull();
    } catch (ApiException e) {
      assertThat(e.code()).as(what + ": " + e.getMessage()).isEqualTo(400);
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + " (" + hex(body) + ") threw " + e, e);
    }
  }

  private static String hex(byte[] body) {
    StringBuilder text = new StringBuilder();
    for (byte b : body) {
      text.append(String.format("%02x", b));
    }
    return text.toString();
  }
}
