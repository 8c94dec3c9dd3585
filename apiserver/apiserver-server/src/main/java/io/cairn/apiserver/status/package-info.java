/** Kubernetes' {@code Status} errors: one exception type carrying code, reason, message and details. */
package io.cairn.apiserver.status;
