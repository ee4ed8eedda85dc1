package io.kubee.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.meta.Meta;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class StoredObjectsTest {

  private static ObjectNode pod() {
    return Codec.INSTANCE.parseObject(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
        + "{\"name\":\"a\",\"resourceVersion\":\"17\",\"labels\":{\"app\":\"web\"}},"
        + "\"spec\":{\"nodeName\":\"n1\"}}").getBytes(StandardCharsets.UTF_8), Format.JSON);
  }

  @Test
  void storesWithoutTheResourceVersionInNameOrderAndKeepsTheInput() {
    ObjectNode pod = pod();

    String stored = new String(StoredObjects.encode(pod), StandardCharsets.UTF_8);

    assertThat(stored).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
        + "{\"labels\":{\"app\":\"web\"},\"name\":\"a\"},\"spec\":{\"nodeName\":\"n1\"}}");
    assertThat(Meta.resourceVersion(pod)).isEqualTo("17");
  }

  @Test
  void decodedObjectsEncodeToTheSameBytes() {
    byte[] stored = StoredObjects.encode(pod());

    ObjectNode read = StoredObjects.decode(stored, 99);

    assertThat(Meta.resourceVersion(read)).isEqualTo("99");
    assertThat(StoredObjects.encode(read)).isEqualTo(stored);
  }
}
