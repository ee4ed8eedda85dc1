package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * ServiceAccounts: NAME SECRETS AGE, as {@code printServiceAccount} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}; SECRETS counts the secrets list.
 */
final class ServiceAccountPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Secrets", "Secrets is a list of the secrets in the same namespace that"
          + " pods running using this ServiceAccount are allowed to use. Pods are only limited"
          + " to this list if this service account has a"
          + " \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The"
          + " \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32."
          + " Prefer separate namespaces to isolate access to mounted secrets. This field should"
          + " not be used to find auto-generated service account token secrets for use outside"
          + " of pods. Instead, tokens can be requested directly using the TokenRequest API, or"
          + " service account token secrets can be manually created. More info:"
          + " https://kubernetes.io/docs/concepts/configuration/secret"),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode serviceAccount, Instant now) {
    return TableRow.of(Meta.name(serviceAccount),
        (long) Fields.list(serviceAccount, "secrets").size(),
        HumanDuration.since(Meta.creationTimestamp(serviceAccount), now));
  }
}
