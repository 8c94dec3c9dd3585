/** End-to-end tests of Cairn's Kubernetes API server with kubectl, fabric8 and client-java. */
package io.cairn.apiserver.tests;
