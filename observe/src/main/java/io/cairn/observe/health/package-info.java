/**
 * Health checks supplied by a component and evaluated the way etcd evaluates them: {@code /health} (first failing
 * check's reason, as etcd's JSON), and the Kubernetes-style {@code /livez} and {@code /readyz} probes made of named
 * checks that can be excluded one by one.
 *
 * <p>Why here and not in each component: the evaluation rules (order, exclusion, the probe report lines) are the
 * same for every component; only the checks differ. This package knows nothing of HTTP; {@code io.cairn.observe.http}
 * serves its results.
 */
package io.cairn.observe.health;
