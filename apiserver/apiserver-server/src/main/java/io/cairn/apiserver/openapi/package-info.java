/**
 * The OpenAPI v3 documents of the served group-versions ({@code /openapi/v3} and {@code /openapi/v3/<gv>}): component
 * schemas generated at run time from the client-java model classes, and the paths and operations of each served
 * resource, as kube-apiserver publishes them.
 *
 * <p>{@link io.cairn.apiserver.openapi.OpenApiService} is the entry; kinds without a model class (custom resources)
 * bring their schemas through {@link io.cairn.apiserver.openapi.KindSchemaSource}.
 */
package io.cairn.apiserver.openapi;
