/** Fixtures shared by the API server tests. */
package io.cairn.apiserver.testing;
