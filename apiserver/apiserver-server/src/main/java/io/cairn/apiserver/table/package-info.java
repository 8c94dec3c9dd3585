/**
 * Server-side Table output ({@code meta.k8s.io/v1} Table) for {@code kubectl get}.
 *
 * <p>Why: kubectl asks every list, get and watch for a Table ({@code Accept: application/json;as=Table;v=v1;
 * g=meta.k8s.io}) and prints its columns as they come; without it kubectl shows only NAME and AGE. This package turns
 * stored objects into the columns and cells kube-apiserver 1.32 produces for the same objects, so {@code kubectl get}
 * and {@code kubectl get -o wide} print the same text against Cairn as against Kubernetes. {@link
 * io.cairn.apiserver.table.TableConverter} is the entry point; everything else is package-private.
 */
package io.cairn.apiserver.table;
