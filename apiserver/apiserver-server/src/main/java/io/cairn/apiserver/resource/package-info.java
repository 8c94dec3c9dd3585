/**
 * The served kinds: their group, version, resource names, scope, verbs and storage keys, and the discovery
 * documents built from them.
 */
package io.cairn.apiserver.resource;
