package io.kubee.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived HTTP response read line by line on its own thread, so tests can wait for lines
 * with a timeout and can drop the connection at any point, as a client that goes away does.
 */
final class StreamingResponse implements AutoCloseable {
  /** Put on the queue when the server ends the stream. */
  static final String END = "\u0000end";

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private StreamingResponse(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static StreamingResponse open(HttpRequest request) throws IOException, InterruptedException {
    return new StreamingResponse(
        Http.client().send(request, HttpResponse.BodyHandlers.ofInputStream()));
  }

  int code() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse("");
  }

  /** The next line, or null if none came in time; {@link #END} once the stream ended. */
  String nextLine(Duration timeout) throws InterruptedException {
    return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException closed) {
      // the test dropped the connection
    }
    lines.add(END);
  }

  /** Drops the connection. */
  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
