/**
 * PATCH documents applied to JSON trees: JSON Patch (RFC 6902, {@code application/json-patch+json}) and JSON Merge
 * Patch (RFC 7386, {@code application/merge-patch+json}).
 *
 * <p>Why a package of its own: the PATCH handler, the status subresources and tests all apply these to stored
 * objects; the behaviour follows kube-apiserver (which uses evanphx/json-patch v4), including where that differs from
 * the RFCs, and {@link io.cairn.apiserver.patch.PatchException} says which HTTP answer kube gives for a failure.
 * {@link io.cairn.apiserver.patch.JsonPatch} and {@link io.cairn.apiserver.patch.MergePatch} are the entries.
 */
package io.cairn.apiserver.patch;
