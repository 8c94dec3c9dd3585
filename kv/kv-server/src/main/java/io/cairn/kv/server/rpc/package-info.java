/** The etcd v3 gRPC edge: services, header stamping and the single error table ({@link io.cairn.kv.server.rpc.GrpcErrors}). */
package io.cairn.kv.server.rpc;
