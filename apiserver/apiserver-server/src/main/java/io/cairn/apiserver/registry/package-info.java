/**
 * kube-apiserver's object semantics over the store: metadata on create and update, optimistic concurrency, lists
 * with selectors and continue tokens, finalizers and namespace lifecycle, per-kind defaults.
 */
package io.cairn.apiserver.registry;
