package io.cairn.apiserver.openapi;

import io.cairn.apiserver.resource.ResourceType;
import java.util.Optional;

/**
 * Where the component schemas of a served kind come from.
 *
 * <p>Why pluggable: the built-in kinds are described by client-java's model classes, but kinds registered at run
 * time (custom resources, each version with its own structural schema) have no model class. Such a source answers
 * for its kinds; {@link OpenApiService} asks the built-in source first, then each added source in order, and
 * leaves out of the documents a kind nobody describes.
 */
@FunctionalInterface
public interface KindSchemaSource {

    /**
     * The schemas of a served kind, or empty when this source does not describe it. Called when a group-version's
     * document is (re)built, so a source may read state that changes; call {@link OpenApiService#invalidate()}
     * after such a change. Must not throw for kinds it does not know.
     */
    Optional<KindSchema> describe(ResourceType type);
}
