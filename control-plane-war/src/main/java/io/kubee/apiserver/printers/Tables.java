package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.storage.Watch;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: the entry points the request pipeline calls when a client (kubectl get)
 * asks for a Table, as Kubernetes' {@code transformResponseObject} and
 * {@code watchEmbeddedEncoder} do with the {@code Table} target. Uses the built-in
 * {@link TablePrinters}. Stateless and thread-safe.
 *
 * <pre>{@code
 * Optional<TableOptions> table =
 *     Tables.requested(request.accept(), request.param("includeObject"));
 * body = table.isPresent() ? Tables.render(type, body, table.get(), clock) : body;
 * watch = table.isPresent() ? Tables.watch(watch, type, table.get(), clock) : watch;
 * }</pre>
 */
public final class Tables {
  private Tables() {}

  /**
   * The table options of a request: empty when its Accept header does not choose a Table.
   *
   * @param accept        the Accept header, or null
   * @param includeObject the {@code includeObject} query parameter, or null
   * @throws io.kubee.api.errors.ApiException 400 BadRequest when a Table is asked for with an
   *     includeObject value other than None, Metadata, Object or empty
   */
  public static Optional<TableOptions> requested(String accept, String includeObject) {
    return TableNegotiation.requestedTableVersion(accept)
        .map(version -> TableOptions.of(version, includeObject));
  }

  /**
   * The Table of an object or a list of {@code type} (a new tree; the input is not modified).
   * A Status (a delete's answer) is returned as it is, as Kubernetes never prints one into a
   * Table.
   *
   * @param clock what ages are computed against
   */
  public static ObjectNode render(ResourceType type, ObjectNode objectOrList,
      TableOptions options, Clock clock) {
    if (isStatus(type, objectOrList)) {
      return objectOrList;
    }
    return convertor(type).convert(objectOrList, options, clock.instant());
  }

  /**
   * {@code watch} with every event's object turned into a one-row Table with the columns of
   * {@code type}; column definitions travel with the first event only.
   */
  public static Watch watch(Watch watch, ResourceType type, TableOptions options, Clock clock) {
    return new TableWatch(watch, convertor(type), options, clock);
  }

  /** The convertor of {@code type} with its built-in printer (NAME/AGE when it has none). */
  public static TableConvertor convertor(ResourceType type) {
    return new TableConvertor(type, TablePrinters.builtin().forType(type));
  }

  private static boolean isStatus(ResourceType type, ObjectNode object) {
    return Meta.kind(object).equals("Status") && !type.kind().equals("Status");
  }
}
