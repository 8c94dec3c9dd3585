/**
 * Label and field selectors as kube-apiserver parses and applies them on list and watch requests.
 *
 * <p>Why a package of its own: clients (kubectl {@code -l}/{@code --field-selector}, informers, controllers) rely on
 * kube's exact grammar, its matching rules (for example {@code !=} matching objects that lack the label) and the
 * error texts it answers with, so Cairn reproduces them in one place that the list and watch paths share.
 * {@link io.cairn.apiserver.selector.LabelSelector}, {@link io.cairn.apiserver.selector.FieldSelector} and
 * {@link io.cairn.apiserver.selector.SelectableFields} are the entries; lexing, validation and the per-resource field
 * tables are package-private.
 */
package io.cairn.apiserver.selector;
