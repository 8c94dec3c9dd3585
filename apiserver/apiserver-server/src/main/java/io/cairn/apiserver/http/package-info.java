/**
 * The HTTP edge: kube-apiserver's URL layout, authentication, content negotiation (JSON, Table, protobuf bodies),
 * watch streams and the Status error shape, over Helidon SE.
 */
package io.cairn.apiserver.http;
