package io.cairn.kv.server.auth;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A user as stored: name, bcrypt hash (never the password), roles sorted by name, and etcd's
 * {@code no_password} option.
 *
 * <p>Stored as etcd's {@code authpb.User} message; the bundled API messages predate its {@code options} field
 * (4), which is written and read as an unknown field with etcd's field number, so the bytes are etcd's.
 */
record User(String name, String passwordHash, List<String> roles, boolean noPassword) {

    static final int FIELD_OPTIONS = 4;
    static final int FIELD_NO_PASSWORD = 1;

    User {
        roles = List.copyOf(roles);
    }

    boolean hasRole(String role) {
        return roles.contains(role);
    }

    User withRoles(List<String> newRoles) {
        return new User(name, passwordHash, newRoles.stream().sorted().toList(), noPassword);
    }

    User withPasswordHash(String hash) {
        return new User(name, hash, roles, noPassword);
    }

    byte[] encode() {
        var b = io.etcd.jetcd.api.User.newBuilder()
                .setName(ByteString.copyFromUtf8(name))
                .setPassword(ByteString.copyFromUtf8(passwordHash))
                .addAllRoles(roles);
        if (noPassword) {
            b.setUnknownFields(UnknownFieldSet.newBuilder().addField(FIELD_OPTIONS,
                    UnknownFieldSet.Field.newBuilder().addLengthDelimited(noPasswordOptions()).build()).build());
        }
        return b.build().toByteArray();
    }

    static ByteString noPasswordOptions() {
        return UnknownFieldSet.newBuilder().addField(FIELD_NO_PASSWORD,
                UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build().toByteString();
    }

    /** True when an etcd {@code UserAddOptions} message (as unknown field {@code field}) says no_password. */
    static boolean noPasswordIn(UnknownFieldSet fields, int field) {
        UnknownFieldSet.Field f = fields.getField(field);
        if (f == null) {
            return false;
        }
        for (ByteString options : f.getLengthDelimitedList()) {
            try {
                UnknownFieldSet o = UnknownFieldSet.parseFrom(options);
                UnknownFieldSet.Field np = o.getField(FIELD_NO_PASSWORD);
                if (np != null && np.getVarintList().stream().anyMatch(v -> v != 0)) {
                    return true;
                }
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
        }
        return false;
    }

    static User decode(byte[] bytes) {
        try {
            var u = io.etcd.jetcd.api.User.parseFrom(bytes);
            return new User(u.getName().toString(StandardCharsets.UTF_8), u.getPassword().toStringUtf8(),
                    u.getRolesList(), noPasswordIn(u.getUnknownFields(), FIELD_OPTIONS));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt user record", e);
        }
    }
}
