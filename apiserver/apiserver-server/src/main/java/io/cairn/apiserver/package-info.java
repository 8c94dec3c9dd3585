/**
 * Cairn's Kubernetes-compatible API server: kube-apiserver's REST surface (discovery, CRUD, list and watch with
 * resourceVersion semantics, Table output, Status errors) over Cairn's etcd-compatible store.
 *
 * <p>{@link io.cairn.apiserver.ApiServer} is the one public entry; everything else is an implementation detail.
 */
package io.cairn.apiserver;
