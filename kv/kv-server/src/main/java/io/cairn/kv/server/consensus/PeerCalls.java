package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.cairn.kv.server.errors.KvException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member-to-member calls on the Raft transport's port: forwarded proposals, lease renewals, snapshot chunks.
 *
 * <p>Why: peers reach each other only through their peer URLs (a joining member knows nothing else), and the
 * Raft transport already listens there; its port stays internal to the cluster.
 */
final class PeerCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCalls.class);

    private final Map<String, Function<byte[], CompletableFuture<byte[]>>> handlers = new ConcurrentHashMap<>();
    private final Executor executor;
    private RpcClient client;

    PeerCalls(Executor executor) {
        this.executor = executor;
    }

    void handle(String kind, Function<byte[], CompletableFuture<byte[]>> handler) {
        handlers.put(kind, handler);
    }

    /** Registers the answering side on the member's transport (before it starts). */
    void register(RpcServer server) {
        server.registerProcessor(new RpcProcessor<PeerCall>() {
            @Override
            public void handleRequest(RpcContext ctx, PeerCall call) {
                answer(ctx, call);
            }

            @Override
            public String interest() {
                return PeerCall.class.getName();
            }

            @Override
            public Executor executor() {
                return executor;
            }
        });
    }

    private void answer(RpcContext ctx, PeerCall call) {
        Function<byte[], CompletableFuture<byte[]>> h = handlers.get(call.kind);
        if (h == null) {
            ctx.sendResponse(PeerReply.failed(KvException.Stopped.class.getSimpleName()));
            return;
        }
        CompletableFuture<byte[]> f;
        try {
            f = h.apply(call.payload);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((bytes, err) -> {
            if (err == null) {
                ctx.sendResponse(PeerReply.ok(bytes));
                return;
            }
            Throwable e = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (!(e instanceof KvException)) {
                LOG.warn("peer call {} failed", call.kind, e);
            }
            ctx.sendResponse(PeerReply.failed(e instanceof KvException kv ? kv.getClass().getSimpleName()
                    : KvException.Timeout.class.getSimpleName()));
        });
    }

    synchronized void start() {
        if (client == null) {
            RpcClient c = RpcFactoryHelper.rpcFactory().createRpcClient();
            c.init(new RpcOptions());
            client = c;
        }
    }

    /** Calls {@code kind} on the member at {@code peer} ({@code host:port}). */
    CompletableFuture<byte[]> call(String peer, String kind, byte[] payload, Duration timeout) {
        RpcClient c = client;
        if (c == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Endpoint to = com.alipay.sofa.jraft.entity.PeerId.parsePeer(peer).getEndpoint();
        try {
            c.invokeAsync(to, new PeerCall(kind, payload), (result, err) -> {
                if (err != null) {
                    f.completeExceptionally(unreachable(err));
                } else if (result instanceof PeerReply r) {
                    if (r.error != null) {
                        f.completeExceptionally(KvException.byName(r.error));
                    } else {
                        f.complete(r.payload == null ? new byte[0] : r.payload);
                    }
                } else {
                    f.completeExceptionally(new KvException.Timeout());
                }
            }, Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.completeExceptionally(new KvException.Stopped());
        } catch (com.alipay.sofa.jraft.error.RemotingException | RuntimeException e) {
            f.completeExceptionally(unreachable(e));
        }
        return f;
    }

    private static KvException unreachable(Throwable e) {
        LOG.debug("peer call failed: {}", e.toString());
        return new KvException.Timeout();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}
