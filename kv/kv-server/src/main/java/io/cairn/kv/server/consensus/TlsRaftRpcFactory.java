package io.cairn.kv.server.consensus;

import com.alipay.remoting.config.BoltClientOption;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRaftRpcFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.SPI;

/**
 * JRaft's Bolt RPC factory, with TLS on the connections that Raft's own client (votes, log replication, snapshot
 * installation) and Cairn's peer calls open, when the peer URLs are {@code https://}.
 *
 * <p>Why a factory: JRaft creates its Raft client inside the node, from the one factory its service loader picks
 * (the highest {@link SPI} priority); this is the only place where every connecting Bolt client passes before it
 * opens a connection. The factory is process-wide, so the peer TLS it applies is too: {@link #use} sets it, once
 * per process, before the node starts. That is one member per process, which is how Cairn runs; members embedded
 * side by side in one JVM (tests) all use plain text.
 */
@SPI(priority = 10)
public final class TlsRaftRpcFactory extends BoltRaftRpcFactory {

    private static volatile PeerTransportTls tls;

    /** Peer TLS for the connections opened from now on; {@code null} for plain text. */
    static void use(PeerTransportTls peerTls) {
        tls = peerTls;
    }

    @Override
    public RpcClient createRpcClient(ConfigHelper<RpcClient> helper) {
        return super.createRpcClient(client -> {
            PeerTransportTls current = tls;
            if (current != null && client instanceof BoltRpcClient bolt) {
                bolt.getRpcClient().option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, current.connecting());
            }
            if (helper != null) {
                helper.config(client);
            }
        });
    }
}
