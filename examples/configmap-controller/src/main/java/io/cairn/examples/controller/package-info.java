/** A runnable ConfigMap controller showing Cairn's Kubernetes client in use. */
package io.cairn.examples.controller;
