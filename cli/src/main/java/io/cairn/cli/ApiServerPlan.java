package io.cairn.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether and how {@code cairn server} runs the Kubernetes-compatible API server beside the store.
 *
 * <p>Why: the API server is on by default (one process, k3s-style) but must be possible to turn off or move, e.g.
 * for several members on one machine.
 *
 * @param listen the HTTPS address, absent when turned off
 * @param kubeconfig where to write the kubeconfig, absent for the default under the data directory
 * @param tokenFile kube-apiserver's token file, if any
 * @param bookmarkInterval how often watches that allow bookmarks receive one
 */
record ApiServerPlan(Optional<InetSocketAddress> listen, Optional<Path> kubeconfig, Optional<Path> tokenFile,
                     java.time.Duration bookmarkInterval) {

    /** No API server. */
    static final ApiServerPlan OFF = new ApiServerPlan(Optional.empty(), Optional.empty(), Optional.empty(),
            java.time.Duration.ofMinutes(1));

    static ApiServerPlan from(ServerFlags flags) {
        String listen = flags.get(ServerFlag.APISERVER_LISTEN).value().trim();
        String kubeconfig = flags.get(ServerFlag.WRITE_KUBECONFIG).value().trim();
        String tokens = flags.get(ServerFlag.TOKEN_AUTH_FILE).value().trim();
        java.time.Duration bookmarks = ConfigMapper.duration(flags.get(ServerFlag.APISERVER_BOOKMARK_INTERVAL));
        if (listen.isEmpty() || listen.equals("none")) {
            return OFF;
        }
        return new ApiServerPlan(Optional.of(address(listen)),
                kubeconfig.isEmpty() ? Optional.empty() : Optional.of(Path.of(kubeconfig)),
                tokens.isEmpty() ? Optional.empty() : Optional.of(Path.of(tokens)), bookmarks);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new ConfigException("invalid value \"" + hostPort + "\" for flag -apiserver-listen: expected"
                    + " host:port or none");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value \"" + hostPort + "\" for flag -apiserver-listen: bad port");
        }
    }
}
