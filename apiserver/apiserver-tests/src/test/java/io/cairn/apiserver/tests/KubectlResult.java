package io.cairn.apiserver.tests;

/**
 * What one kubectl run printed and how it exited.
 *
 * <p>Why: kubectl's compatibility contract is its printed output; tests compare all three parts exactly.
 */
record KubectlResult(int exitCode, String stdout, String stderr) {
}
