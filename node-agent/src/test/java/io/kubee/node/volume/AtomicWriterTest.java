package io.kubee.node.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.kubee.node.volume.AtomicWriter.FileContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configMap, secret and downwardAPI volume content, written atomically. */
class AtomicWriterTest {
  @TempDir
  Path dir;

  static FileContent text(String s, int mode) {
    return new FileContent(s.getBytes(StandardCharsets.UTF_8), mode);
  }

  @Test
  void files_are_symlinks_through_data_and_updates_replace_them_at_once() throws Exception {
    Path target = dir.resolve("vol");
    assertThat(AtomicWriter.write(target, Map.of("a", text("1", 0644), "sub/b", text("2", 0600))))
        .isTrue();
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("1");
    assertThat(Files.readString(target.resolve("sub/b"))).isEqualTo("2");
    assertThat(Files.isSymbolicLink(target.resolve("a"))).isTrue();
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        target.resolve("sub/b")))).isEqualTo("rw-------");
    Path before = Files.readSymbolicLink(target.resolve("..data"));
    assertThat(AtomicWriter.write(target, Map.of("a", text("1", 0644), "sub/b", text("2", 0600))))
        .as("unchanged content is not rewritten").isFalse();
    assertThat(AtomicWriter.write(target, Map.of("a", text("3", 0644)))).isTrue();
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("3");
    assertThat(target.resolve("sub")).doesNotExist();
    assertThat(target.resolve(before)).as("the old generation is gone").doesNotExist();
  }

  @Test
  void paths_may_not_leave_the_volume() {
    assertThatThrownBy(() -> AtomicWriter.write(dir.resolve("v"), Map.of("../x", text("", 0644))))
        .hasMessageContaining("invalid path");
  }

  @Test
  void a_config_map_gives_every_key_or_the_listed_items() throws Exception {
    var map = new ConfigMapBuilder().addToData("a", "1").addToData("b", "2")
        .addToBinaryData("bin", Base64.getEncoder().encodeToString(new byte[] {1, 2})).build();
    assertThat(Payloads.configMap(map, null, null, false)).containsOnlyKeys("a", "b", "bin");
    var items = Payloads.configMap(map, List.of(keyToPath("a", 0400, "dir/x")), null, false);
    assertThat(items).containsOnlyKeys("dir/x");
    assertThat(items.get("dir/x").mode()).isEqualTo(0400);
    assertThatThrownBy(() -> Payloads.configMap(map, List.of(keyToPath("zz", null, "z")),
        null, false)).hasMessageContaining("non-existent");
    assertThat(Payloads.configMap(map, List.of(keyToPath("zz", null, "z")), null, true))
        .isEmpty();
  }

  static KeyToPath keyToPath(String key, Integer mode, String path) {
    KeyToPath k = new KeyToPath();
    k.setKey(key);
    k.setMode(mode);
    k.setPath(path);
    return k;
  }

  @Test
  void a_secret_is_decoded() throws Exception {
    var secret = new SecretBuilder().addToData("p", Base64.getEncoder()
        .encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))).build();
    assertThat(new String(Payloads.secret(secret, null, 0400, false).get("p").data(),
        StandardCharsets.UTF_8)).isEqualTo("s3cret");
  }

  @Test
  void downward_api_labels_are_sorted_quoted_lines() throws Exception {
    var pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns")
        .addToLabels("b", "2").addToLabels("a", "say \"hi\"").endMetadata()
        .withNewSpec().addNewContainer().withName("c").endContainer().endSpec().build();
    DownwardAPIVolumeFile labels = new DownwardAPIVolumeFile();
    labels.setPath("labels");
    labels.setFieldRef(new ObjectFieldSelector("v1", "metadata.labels"));
    DownwardAPIVolumeFile name = new DownwardAPIVolumeFile();
    name.setPath("name");
    name.setFieldRef(new ObjectFieldSelector("v1", "metadata.name"));
    var payload = Payloads.downwardApi(pod, List.of(labels, name), null, List.of("10.0.0.2"),
        List.of("192.0.2.1"), Map.of());
    assertThat(new String(payload.get("labels").data(), StandardCharsets.UTF_8))
        .isEqualTo("a=\"say \\\"hi\\\"\"\nb=\"2\"");
    assertThat(new String(payload.get("name").data(), StandardCharsets.UTF_8)).isEqualTo("p");
  }
}
