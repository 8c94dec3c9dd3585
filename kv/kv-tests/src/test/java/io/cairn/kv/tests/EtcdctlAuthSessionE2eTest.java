package io.cairn.kv.tests;

import java.util.List;

/**
 * The auth session, {@code etcdctl-session-auth.txt}: users, roles, permissions, auth enable and disable, and
 * requests as permitted, forbidden and unauthenticated users, with etcd's answers and errors.
 */
class EtcdctlAuthSessionE2eTest extends EtcdctlSessionTest {

    @Override
    String session() {
        return "etcdctl-session-auth.txt";
    }

    @Override
    List<String> outputsTheSessionMustReach() {
        return List.of(
                "User root created",
                "Error: etcdserver: user name already exists",
                "Role reader created",
                "Error: etcdserver: role name already exists",
                "Error: etcdserver: role name not found",
                "Error: etcdserver: user name not found",
                "Authentication Enabled",
                "Error: etcdserver: user name is empty",
                "Error: etcdserver: permission denied",
                "Error: etcdserver: authentication failed, invalid user ID or password",
                "Error: etcdserver: invalid auth management",
                "Error: etcdserver: role is not granted to the user",
                "Error: etcdserver: permission is not granted to the role",
                "Authentication Disabled",
                "Error: etcdserver: root user does not exist");
    }
}
