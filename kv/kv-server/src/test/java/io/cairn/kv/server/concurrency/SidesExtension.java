package io.cairn.kv.server.concurrency;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes one {@link Sides} fixture, started once for the whole run and closed at its end.
 *
 * <p>Why: starting an etcd and a Cairn member takes seconds; every test uses names of its own, so the classes can
 * share them.
 */
final class SidesExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SidesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sides.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Sides.class, k -> {
            try {
                return Sides.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start etcd and a Cairn member for the tests", e);
            }
        }, Sides.class);
    }
}
