package io.kubee.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.KubeApi;
import io.kubee.runtime.Lister;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Ensures the {@code default} service account in every active namespace
 * (pkg/controller/serviceaccount/serviceaccounts_controller.go), and puts it back when it is
 * deleted. Queue keys are namespace names.
 */
public final class ServiceAccountsController extends QueueController {
  public static final String NAME = "serviceaccount";
  static final List<String> SERVICE_ACCOUNTS = List.of("default");

  private final Lister<Namespace> namespaces;
  private final Lister<ServiceAccount> serviceAccounts;
  private final KubeApi api;

  public ServiceAccountsController(Lister<Namespace> namespaces,
      Lister<ServiceAccount> serviceAccounts, KubeApi api, ThreadFactory threads) {
    super(NAME, threads);
    this.namespaces = namespaces;
    this.serviceAccounts = serviceAccounts;
    this.api = api;
  }

  public static ServiceAccountsController create(ControllerContext context) {
    SharedIndexInformer<Namespace> nsInformer = context.informers().forType(Namespace.class);
    SharedIndexInformer<ServiceAccount> saInformer =
        context.informers().forType(ServiceAccount.class);
    ServiceAccountsController controller = new ServiceAccountsController(
        new Lister<>(nsInformer.getIndexer()), new Lister<>(saInformer.getIndexer()),
        context.api(), context.threads());
    nsInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace namespace) {
        controller.enqueue(namespace.getMetadata().getName());
      }

      @Override
      public void onUpdate(Namespace old, Namespace namespace) {
        controller.enqueue(namespace.getMetadata().getName());
      }

      @Override
      public void onDelete(Namespace namespace, boolean finalStateUnknown) {}
    });
    saInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ServiceAccount account) {}

      @Override
      public void onUpdate(ServiceAccount old, ServiceAccount account) {}

      @Override
      public void onDelete(ServiceAccount account, boolean finalStateUnknown) {
        controller.enqueue(account.getMetadata().getNamespace());
      }
    });
    return controller;
  }

  @Override
  public void resync() {
    namespaces.list().forEach(ns -> enqueue(ns.getMetadata().getName()));
  }

  @Override
  public void sync(String namespace) {
    Namespace ns = namespaces.get("", namespace);
    if (ns == null || ns.getMetadata().getDeletionTimestamp() != null
        || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase()))) {
      return;
    }
    for (String name : SERVICE_ACCOUNTS) {
      if (serviceAccounts.get(namespace, name) != null) {
        continue;
      }
      try {
        api.create(new ServiceAccountBuilder().withNewMetadata().withName(name)
            .withNamespace(namespace).endMetadata().build());
      } catch (KubernetesClientException e) {
        // 409: it exists (the cache is behind); 403: the namespace is terminating
        if (e.getCode() != 409 && e.getCode() != 403) {
          throw e;
        }
      }
    }
  }
}
