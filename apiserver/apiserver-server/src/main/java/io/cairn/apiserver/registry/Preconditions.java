package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Statuses;

/**
 * DeleteOptions' {@code preconditions}: the uid and/or resourceVersion the caller expects.
 *
 * @param uid expected uid, or empty
 * @param resourceVersion expected resourceVersion, or empty
 */
public record Preconditions(String uid, String resourceVersion) {
    /** No preconditions. */
    public static final Preconditions NONE = new Preconditions("", "");

    void check(ResourceType t, String name, String actualUid, String actualVersion) {
        if (!uid.isEmpty() && !uid.equals(actualUid)) {
            throw Statuses.conflict(t.group(), t.plural(), name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + actualUid);
        }
        if (!resourceVersion.isEmpty() && !resourceVersion.equals(actualVersion)) {
            throw Statuses.conflict(t.group(), t.plural(), name, "Precondition failed: ResourceVersion in"
                    + " precondition: " + resourceVersion + ", ResourceVersion in object meta: " + actualVersion);
        }
    }
}
