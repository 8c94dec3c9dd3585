/**
 * Server-side field validation ({@code fieldValidation=Strict|Warn|Ignore}): unknown and duplicate fields in request
 * bodies and patched objects, found from the Kubernetes model classes, answered as kube-apiserver does — an error,
 * {@code Warning} headers, or silence — with unknown fields dropped before anything is stored.
 */
package io.cairn.apiserver.validation;
