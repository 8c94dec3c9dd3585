/**
 * Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) turned into the JSON object
 * kube-apiserver would have decoded from the same request.
 *
 * <p>Why: kubectl's typed clients send creates and deletes as protobuf, while Cairn's API server works on JSON.
 * Decoding here, once, at the edge keeps the rest of the server single-format. {@link
 * io.cairn.apiserver.protobuf.KubeProtobuf} is the one entry; the per-kind registry, the descriptor walker and the
 * Go encoding rules behind it are package-private.
 */
package io.cairn.apiserver.protobuf;
