package io.kubee.node.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * The kubelet API's TLS identity (kubelet's {@code --tls-cert-file}/{@code --tls-private-key-
 * file}, or without them a self-signed certificate kept in {@code --cert-dir}, as kubelet makes
 * {@code kubelet.crt}). The JDK has no public API to issue certificates, so the self-signed one
 * comes from the JDK's own keytool, next to the running java.
 */
public final class KubeletTls {
  private KubeletTls() {}

  public static SslContext serverContext(Path certFile, Path keyFile, Path certDir,
      String nodeName, List<String> ips) throws IOException {
    if (certFile != null && keyFile != null) {
      return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()).build();
    }
    Files.createDirectories(certDir);
    Path store = certDir.resolve("kubelet.p12");
    Path password = certDir.resolve("kubelet.p12.password");
    if (!Files.exists(store) || !Files.exists(password)) {
      generate(store, password, nodeName, ips);
    }
    char[] secret = Files.readString(password, StandardCharsets.UTF_8).trim().toCharArray();
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, secret);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, secret);
      return SslContextBuilder.forServer(kmf).build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot load " + store + ": " + e.getMessage(), e);
    }
  }

  private static void generate(Path store, Path password, String nodeName, List<String> ips)
      throws IOException {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Files.deleteIfExists(store);
    Files.writeString(password, secret, StandardCharsets.UTF_8);
    password.toFile().setReadable(false, false);
    password.toFile().setReadable(true, true);
    StringBuilder san = new StringBuilder("san=dns:" + nodeName + ",dns:localhost");
    for (String ip : ips) {
      san.append(",ip:").append(ip);
    }
    if (!ips.contains("127.0.0.1")) {
      san.append(",ip:127.0.0.1");
    }
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", secret,
        "-alias", "kubelet", "-dname", "CN=" + nodeName + "@" + (System.currentTimeMillis() / 1000),
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "365", "-ext", san.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool failed: " + new String(
            process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating the kubelet certificate", e);
    }
    store.toFile().setReadable(false, false);
    store.toFile().setReadable(true, true);
  }
}
