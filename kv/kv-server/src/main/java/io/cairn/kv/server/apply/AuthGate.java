package io.cairn.kv.server.apply;

import com.google.protobuf.Message;
import io.cairn.kv.server.auth.AuthInfo;
import io.cairn.kv.server.auth.AuthStore;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.ResponseHeader;

/**
 * etcd's auth applier: the permission checks a write passes at apply time, against the auth state of that
 * point in the log, and the application of auth changes.
 *
 * <p>Why at apply: a permission revoked after a write was proposed but before it applied still stops it, on
 * every member alike (etcd's {@code authApplierV3}). A command without a sender is the member's own (a lease
 * expiring); clients' commands always carry one while auth is on.
 */
final class AuthGate {
    private final AuthStore auth;
    private final MvccStore store;

    AuthGate(AuthStore auth, MvccStore store) {
        this.auth = auth;
        this.store = store;
    }

    /** @throws io.cairn.kv.server.errors.KvException when {@code caller} may not run {@code command} */
    void authorize(Command command, AuthInfo caller) {
        if (!auth.enabled()) {
            return;
        }
        AuthInfo ai = caller == null ? AuthInfo.NONE : caller;
        switch (command) {
            case Command.Put p -> auth.checkPut(ai, p.request(),
                    p.request().getLease() == 0 ? java.util.List.of() : store.leaseKeys(p.request().getLease()));
            case Command.DeleteRange d -> auth.checkDelete(ai, d.request());
            case Command.Txn t -> auth.checkTxn(ai, t.request());
            case Command.LeaseRevoke r -> {
                if (caller != null) {
                    auth.checkLeaseKeys(ai, store.leaseKeys(r.request().getID()));
                }
            }
            case Command.AuthChange a -> {
                if (!(a.request() instanceof AuthenticateRequest)) {
                    auth.checkAdmin(ai);
                }
            }
            default -> { }
        }
    }

    /** Applies an auth change; its response carries the store revision in its header. */
    Message apply(WriteTxn w, Message request, long index) {
        Message response = auth.apply(w, request, index);
        var header = ResponseHeader.newBuilder().setRevision(w.readRevision()).build();
        var field = response.getDescriptorForType().findFieldByName("header");
        return response.toBuilder().setField(field, header).build();
    }
}
