/**
 * CustomResourceDefinitions ({@code apiextensions.k8s.io/v1}) and the custom resources they define: validation and
 * status of definitions, structural-schema validation, pruning and defaulting of custom resources, the served kinds
 * they add to the catalog, and the cleanup that deletes a definition's resources before the definition goes.
 *
 * <p>The one public entry is {@link io.cairn.apiserver.crd.CustomResourceDefinitions}; {@link
 * io.cairn.apiserver.crd.CustomSchemas} lets other parts (OpenAPI, server-side apply) read the schema of a served
 * custom kind.
 */
package io.cairn.apiserver.crd;
