package io.kubee.apiserver.printers;

import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch whose events carry Tables, for {@code kubectl get -w}: each ADDED, MODIFIED, DELETED
 * or BOOKMARK object becomes a Table of one row (a bookmark's has no row, only the
 * resourceVersion), ERROR Statuses pass unchanged. As Kubernetes' {@code watchEmbeddedEncoder},
 * only the first event carries {@code columnDefinitions}; later ones send them as null and the
 * client keeps the columns it has (cli-runtime's table printer does).
 *
 * <p>Wraps the storage's watch; events keep their type and resourceVersion (the SSE id). Like
 * any {@link Watch}, one consumer pulls; not thread-safe.
 */
public final class TableWatch implements Watch {
  private final Watch delegate;
  private final TableConvertor convertor;
  private final Clock clock;
  private TableOptions options;

  /**
   * @param options the request's options; with {@code noHeaders} no event carries column
   *                definitions
   * @param clock   ages are computed when each event is taken
   */
  public TableWatch(Watch delegate, TableConvertor convertor, TableOptions options, Clock clock) {
    this.delegate = delegate;
    this.convertor = convertor;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public WatchEvent next(Duration timeout) throws InterruptedException {
    WatchEvent event = delegate.next(timeout);
    if (event == null || event.type() == WatchEvent.Type.ERROR) {
      return event;
    }
    ObjectNode table = event.type() == WatchEvent.Type.BOOKMARK
        ? bookmarkTable(event.object())
        : convertor.convert(event.object(), options, clock.instant());
    // headers travel once, with the first event of the stream
    options = options.withNoHeaders(true);
    return new WatchEvent(event.type(), table, event.resourceVersion());
  }

  @Override
  public boolean isDone() {
    return delegate.isDone();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /**
   * The Table of a bookmark: its resourceVersion and no row. Kubernetes prints the bookmark's
   * near-empty object as a row of blanks; kubectl never asks for bookmarks, and a row of blanks
   * would only mislead a client that does.
   */
  private ObjectNode bookmarkTable(ObjectNode bookmark) {
    ObjectNode table = convertor.convert(bookmark, options, clock.instant());
    table.putArray("rows");
    return table;
  }
}
