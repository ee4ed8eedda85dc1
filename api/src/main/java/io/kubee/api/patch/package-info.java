/**
 * The patch engines of the apiserver's PATCH verb, in pure Java over Jackson trees:
 * {@link io.kubee.api.patch.StrategicMergePatch} ({@code application/strategic-merge-patch+json},
 * driven by a {@link io.kubee.api.schema.PatchMeta}) and {@link io.kubee.api.patch.JsonPatch}
 * ({@code application/json-patch+json}, RFC 6902). JSON merge patch (RFC 7386) needs no schema
 * and lives with the handlers.
 *
 * <p>Both engines copy their input and throw only {@link io.kubee.api.errors.ApiException}s
 * with the status kube-apiserver's {@code handlers/patch.go} gives: 400 for a malformed patch,
 * 413 for too many JSON patch operations, 422 for a patch that does not apply.
 */
package io.kubee.api.patch;
