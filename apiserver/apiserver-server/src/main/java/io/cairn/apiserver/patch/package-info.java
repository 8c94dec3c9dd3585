/**
 * PATCH documents applied to JSON trees: JSON Patch (RFC 6902, {@code application/json-patch+json}), JSON Merge
 * Patch (RFC 7386, {@code application/merge-patch+json}) and Kubernetes' strategic merge patch
 * ({@code application/strategic-merge-patch+json}).
 *
 * <p>Why a package of its own: the PATCH handler, the status subresources and tests all apply these to stored
 * objects; the behaviour follows kube-apiserver (which uses evanphx/json-patch v4), including where that differs from
 * the RFCs, and {@link io.cairn.apiserver.patch.PatchException} says which HTTP answer kube gives for a failure.
 * {@link io.cairn.apiserver.patch.JsonPatch}, {@link io.cairn.apiserver.patch.MergePatch} and
 * {@link io.cairn.apiserver.patch.StrategicMergePatch} are the entries; the last reads the patch strategies of the
 * built-in types from {@code patch-strategies.txt} and the type of each nested field from the model classes.
 */
package io.cairn.apiserver.patch;
