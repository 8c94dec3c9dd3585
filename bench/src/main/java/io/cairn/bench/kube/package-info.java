/** {@code cairn kube-bench}: a load generator for Kubernetes-style API servers (Cairn's or kube-apiserver). */
package io.cairn.bench.kube;
