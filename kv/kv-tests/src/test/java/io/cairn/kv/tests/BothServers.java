package io.cairn.kv.tests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the annotated test class once per {@link ServerKind}: the whole class against a real etcd, then against
 * Cairn. The class receives the kind through {@link ConformanceTest}.
 *
 * <p>Why: this is etcd's {@code tests/common} idea (one suite, several deployments); etcd's answers are the
 * expected answers, so a test that passes against etcd and fails against Cairn is a Cairn bug.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
@interface BothServers {
}
