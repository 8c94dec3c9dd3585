/**
 * Server-side apply and managed fields, as kube-apiserver 1.32 does them.
 *
 * <p>{@link io.cairn.apiserver.apply.FieldManager} is the entry: it records {@code metadata.managedFields} on every
 * write and merges {@code application/apply-patch+yaml} configurations with structured-merge-diff's rules, deciding
 * ownership and conflicts. How each list, map and struct merges comes from {@link io.cairn.apiserver.apply.Schema}s
 * supplied by an {@link io.cairn.apiserver.apply.ObjectShapes}: the built-in kinds read theirs from the model classes
 * and {@code list-shapes.txt}; custom resources can supply their own.
 */
package io.cairn.apiserver.apply;
