/**
 * Server-side apply and managed-field tracking, as Kubernetes computes them
 * ({@code k8s.io/apimachinery/pkg/util/managedfields} over
 * {@code sigs.k8s.io/structured-merge-diff}), in pure Java over Jackson trees.
 *
 * <ul>
 *   <li>{@link io.kubee.api.apply.ServerSideApply}: {@code PATCH} with
 *       {@code application/apply-patch+yaml} ({@link io.kubee.api.apply.ApplyPatch} reads the
 *       body);</li>
 *   <li>{@link io.kubee.api.apply.ManagedFieldsTracker}: every other write (create, update,
 *       patch, status and scale updates);</li>
 *   <li>{@link io.kubee.api.apply.FieldManagers}: the {@code fieldManager} and {@code force}
 *       options and the manager named after the User-Agent;</li>
 *   <li>{@link io.kubee.api.apply.FieldSet}, {@link io.kubee.api.apply.Path},
 *       {@link io.kubee.api.apply.PathElement}: field sets in the {@code FieldsV1} format;
 *       {@link io.kubee.api.apply.ObjectFields}: the fields an object sets under its schema;
 *       {@link io.kubee.api.apply.ManagedFields},
 *       {@link io.kubee.api.apply.ManagedFieldsEntry}: {@code metadata.managedFields}.</li>
 * </ul>
 *
 * <p>The schema comes from {@link io.kubee.api.schema.ModelSchema} (list types, list-map keys,
 * map and struct types). Everything here is stateless and thread-safe; failures reach clients
 * as {@link io.kubee.api.errors.ApiException}s with Kubernetes' codes and messages.
 */
package io.kubee.api.apply;
