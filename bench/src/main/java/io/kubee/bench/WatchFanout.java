package io.kubee.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Watch fan-out: W concurrent Server-Sent-Events watches of one namespace's configmaps, all from
 * the resourceVersion of a list; once every stream is up (the server writes a {@code :} comment
 * right after the headers), E paced writes (creates, then updates of the same objects) whose
 * body carries {@link System#nanoTime()} at send time in an annotation. Every watcher records
 * receive time − send time of every event (same JVM, same clock).
 *
 * <p>The watch clients are one JDK {@link HttpClient} (one selector thread, completions run on
 * it) with a non-blocking body subscriber per stream: no thread per watch on this side. The
 * receive time is taken when the bytes reach the subscriber, before parsing.
 */
final class WatchFanout {
  static final String SEQ = "bench.kubee.io/seq";
  static final String SENT = "bench.kubee.io/sent-nanos";
  private static final Pattern LIST_RV = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");

  record Result(int watchers, int events, double rate, int watchTimeoutSeconds,
      int established, int failed, int endedEarly, double establishSeconds,
      long writesOk, long writeErrors, double writeSeconds, Histogram writes,
      long expected, long received, long duplicates, int incompleteWatchers,
      Histogram delivery, Histogram slowestPerEvent, double lastEventSlowestMs,
      double lastDeliveryAfterLastWriteMs, String firstError, CpuMeter.Usage cpu) {}

  private WatchFanout() {}

  static Result run(Api api, String namespace, String run, int watchers, int events,
      double rate, int openConcurrency, Duration settle, CpuMeter meter, PrintStream log)
      throws Exception {
    String collection = Api.configMapsPath(namespace);
    Api.Reply list = api.get(collection).expect(200, "list " + collection);
    Matcher m = LIST_RV.matcher(list.text());
    if (!m.find()) {
      throw new BenchException("no resourceVersion in the list of " + collection);
    }
    long listRv = Long.parseLong(m.group(1));
    // the server ends the stream after this; long enough for the run, short enough that a
    // vanished client never leaves a thread behind for long
    int watchTimeout = (int) Math.max(300, events / rate * 3 + settle.toSeconds() + 120);
    URI watchUri = api.uri(collection + "?resourceVersion=" + listRv
        + "&timeoutSeconds=" + watchTimeout);

    AtomicLong received = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    AtomicLong lastReceive = new AtomicLong(Long.MIN_VALUE);
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch settled = new CountDownLatch(watchers);
    Semaphore opening = new Semaphore(openConcurrency);

    // all streams on one selector thread, parsed where they are read (see Api.newClient)
    HttpClient http = Api.newClient();
    List<Watcher> all = new ArrayList<>(watchers);
    try {
      log.printf("watch: opening %d SSE watches of %s from resourceVersion %d%n", watchers,
          collection, listRv);
      long openStart = System.nanoTime();
      for (int i = 0; i < watchers; i++) {
        opening.acquire();
        Watcher w = new Watcher(events, received, duplicates, lastReceive, () -> {
          opening.release();
          settled.countDown();
        });
        all.add(w);
        HttpRequest request = HttpRequest.newBuilder(watchUri)
            .header("Accept", "text/event-stream")
            .build();
        http.sendAsync(request, info -> {
          if (info.statusCode() == 200) {
            return w;
          }
          int status = info.statusCode();
          return BodySubscribers.<String, Void>mapping(
              BodySubscribers.ofString(StandardCharsets.UTF_8), body -> {
                w.fail("HTTP " + status + ": " + body);
                return null;
              });
        }).whenComplete((response, error) -> {
          if (error != null) {
            w.fail(error.toString());
          }
        });
      }
      if (!settled.await(180, TimeUnit.SECONDS)) {
        log.println("watch: not every watch answered within 180 s");
      }
      double establishSeconds = (System.nanoTime() - openStart) / 1e9;
      int established = 0;
      int failed = 0;
      for (Watcher w : all) {
        if (w.established) {
          established++;
        } else {
          failed++;
          if (w.error != null) {
            firstError.compareAndSet(null, w.error);
          }
        }
      }
      log.printf("watch: %d established, %d failed, in %.1f s%n", established, failed,
          establishSeconds);

      // paced writes: creates of ev-0..ev-(c-1), then updates of the same objects
      int creates = (events + 1) / 2;
      long[] sent = new long[events];
      boolean[] written = new boolean[events];
      Histogram writes = Stats.newHistogram();
      long writeErrors = 0;
      long period = (long) (1e9 / rate);
      log.printf("watch: writing %d events at %.0f/s%n", events, rate);
      long t0 = System.nanoTime() + 200_000_000L;
      CpuMeter.Snapshot cpuBefore = meter.take();
      for (int i = 0; i < events; i++) {
        long due = t0 + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        boolean create = i < creates;
        String name = "ev-" + (create ? i : i - creates);
        long now = System.nanoTime();
        byte[] body = Api.configMap(name, run,
            "\"" + SEQ + "\":\"" + i + "\",\"" + SENT + "\":\"" + now + "\"");
        try {
          Api.Reply reply = create ? api.post(collection, body)
              : api.put(collection + "/" + name, body);
          reply.expect(create ? 201 : 200, (create ? "create " : "update ") + name);
          writes.recordValue(System.nanoTime() - now);
          sent[i] = now;
          written[i] = true;
        } catch (Exception e) {
          writeErrors++;
          firstError.compareAndSet(null, e.toString());
        }
      }
      double writeSeconds = (System.nanoTime() - t0) / 1e9;
      long writesOk = events - writeErrors;
      long expected = writesOk * watchers;
      long deadline = System.nanoTime() + settle.toNanos();
      while (received.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      CpuMeter.Usage cpu = meter.between(cpuBefore, meter.take());
      log.printf("watch: %d of %d deliveries received%n", received.get(), expected);
      int endedEarly = 0;
      for (Watcher w : all) {
        if (w.established && w.ended) {
          endedEarly++;
          if (w.error != null) {
            firstError.compareAndSet(null, "stream ended: " + w.error);
          }
        }
      }

      // aggregate (the received counter orders the watchers' array writes before these reads)
      long got = received.get();
      Histogram delivery = Stats.newHistogram();
      Histogram slowest = Stats.newHistogram();
      int incomplete = 0;
      long[] slowestOf = new long[events];
      int[] countOf = new int[events];
      for (Watcher w : all) {
        boolean complete = true;
        for (int i = 0; i < events; i++) {
          if (!written[i]) {
            continue;
          }
          long latency = w.latency[i];
          if (latency < 0) {
            complete = false;
            continue;
          }
          delivery.recordValue(Math.min(latency, delivery.getHighestTrackableValue()));
          slowestOf[i] = Math.max(slowestOf[i], latency);
          countOf[i]++;
        }
        if (!complete) {
          incomplete++;
        }
      }
      int last = -1;
      for (int i = 0; i < events; i++) {
        if (written[i] && countOf[i] > 0) {
          slowest.recordValue(Math.min(slowestOf[i], slowest.getHighestTrackableValue()));
        }
        if (written[i]) {
          last = i;
        }
      }
      double lastEventSlowest = last >= 0 && countOf[last] == watchers
          ? Stats.ms(slowestOf[last]) : Double.NaN;
      double drain = last >= 0 && lastReceive.get() != Long.MIN_VALUE
          ? Stats.ms(lastReceive.get() - sent[last]) : Double.NaN;
      return new Result(watchers, events, rate, watchTimeout, established, failed, endedEarly,
          establishSeconds, writesOk, writeErrors, writeSeconds, writes, expected, got,
          duplicates.get(), incomplete, delivery, slowest, lastEventSlowest, drain,
          firstError.get(), cpu);
    } finally {
      for (Watcher w : all) {
        w.cancel();
      }
    }
  }

  /** One SSE stream: splits lines, takes the sequence number and send time out of data lines. */
  static final class Watcher implements HttpResponse.BodySubscriber<Void> {
    private static final byte[] SEQ_KEY = ("\"" + SEQ + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENT_KEY =
        ("\"" + SENT + "\"").getBytes(StandardCharsets.US_ASCII);

    final long[] latency;
    private final AtomicLong received;
    private final AtomicLong duplicates;
    private final AtomicLong lastReceive;
    private final Runnable settled;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    volatile boolean established;
    volatile boolean ended;
    volatile String error;
    private byte[] line = new byte[2048];
    private int length;

    Watcher(int events, AtomicLong received, AtomicLong duplicates, AtomicLong lastReceive,
        Runnable settled) {
      this.latency = new long[events];
      Arrays.fill(latency, -1);
      this.received = received;
      this.duplicates = duplicates;
      this.lastReceive = lastReceive;
      this.settled = settled;
    }

    void fail(String why) {
      if (error == null) {
        error = why;
      }
      ended = true;
      signal();
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    private void signal() {
      if (signalled.compareAndSet(false, true)) {
        settled.run();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      long now = System.nanoTime();
      for (ByteBuffer buffer : items) {
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b == '\n') {
            line(now);
            length = 0;
          } else {
            if (length == line.length) {
              line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
          }
        }
      }
    }

    private void line(long now) {
      if (!established) {
        // the first line (":" comment) arrives right after the headers: the watch is up
        established = true;
        signal();
      }
      if (length < 5 || line[0] != 'd' || line[1] != 'a' || line[2] != 't' || line[3] != 'a'
          || line[4] != ':') {
        return;
      }
      long seq = field(SEQ_KEY);
      long sentAt = field(SENT_KEY);
      if (seq < 0 || seq >= latency.length || sentAt == Long.MIN_VALUE) {
        return;
      }
      int i = (int) seq;
      if (latency[i] >= 0) {
        duplicates.incrementAndGet();
        return;
      }
      latency[i] = Math.max(0, now - sentAt);
      lastReceive.accumulateAndGet(now, Math::max);
      received.incrementAndGet();
    }

    /** The number in {@code "key":"<number>"} of the current line, or MIN_VALUE. */
    private long field(byte[] key) {
      int at = indexOf(key);
      if (at < 0) {
        return Long.MIN_VALUE;
      }
      int i = at + key.length;
      while (i < length && (line[i] == ':' || line[i] == ' ' || line[i] == '"')) {
        i++;
      }
      boolean negative = i < length && line[i] == '-';
      if (negative) {
        i++;
      }
      long value = 0;
      int digits = 0;
      while (i < length && line[i] >= '0' && line[i] <= '9') {
        value = value * 10 + (line[i] - '0');
        i++;
        digits++;
      }
      return digits == 0 ? Long.MIN_VALUE : negative ? -value : value;
    }

    private int indexOf(byte[] key) {
      outer:
      for (int i = 0; i + key.length <= length; i++) {
        for (int j = 0; j < key.length; j++) {
          if (line[i + j] != key[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    @Override
    public void onError(Throwable throwable) {
      if (!cancelled) {
        fail(throwable.toString());
      }
      ended = true;
    }

    @Override
    public void onComplete() {
      ended = true;
      if (!established) {
        fail("the stream ended before its first line");
      }
    }

    @Override
    public CompletionStage<Void> getBody() {
      // completes at once: the response (headers) is handed over while the body still streams
      return CompletableFuture.completedFuture(null);
    }
  }
}
