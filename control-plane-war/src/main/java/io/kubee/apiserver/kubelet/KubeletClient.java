package io.kubee.apiserver.kubelet;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The apiserver's HTTP client to node agents (kube-apiserver's kubelet client): HTTPS to the
 * kubelet API, HTTP/1.1. Node agents serve self-signed certificates and kube-apiserver, without
 * {@code --kubelet-certificate-authority}, does not verify them either; the trust manager below
 * says so explicitly (it also skips the host-name check, which JSSE does in the trust manager).
 * One shared client; thread-safe.
 */
public final class KubeletClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .sslContext(trustingContext())
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private KubeletClient() {}

  public static HttpClient http() {
    return CLIENT;
  }

  private static SSLContext trustingContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustNodeAgents()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  /** Accepts the node agents' self-signed certificates (see the class comment). */
  private static final class TrustNodeAgents extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
