package io.cairn.apiserver.protobuf;

/**
 * The {@code apiVersion} and {@code kind} that name a registered protobuf message.
 *
 * <p>Why a value: the registry is looked up by the pair carried in the body's type meta, and a record gives it
 * equality and a readable form for free.
 */
record KindKey(String apiVersion, String kind) {
}
