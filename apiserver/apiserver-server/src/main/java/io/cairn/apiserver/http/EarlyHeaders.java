package io.cairn.apiserver.http;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a streaming response's status line and headers before its first body byte.
 *
 * <p>Why: kube clients (client-go, fabric8, client-java) wait for a watch's response headers before they read
 * events, and kube-apiserver flushes them at once. Helidon SE 4.5's HTTP/1 writer holds the headers back until the
 * first body bytes (it hopes to send a Content-Length), and a flush without data does not release them; a watch
 * that starts from a resourceVersion with nothing new would then hang its client. Helidon has no public call for
 * this, so the writer's own "send the headers now" step is invoked; if a later Helidon changes its internals the
 * step is skipped (logged once) and headers go out with the first event, as before.
 */
final class EarlyHeaders {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyHeaders.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private EarlyHeaders() {
    }

    /** Sends the headers of the response behind {@code out} now, if nothing was sent yet. */
    static void send(OutputStream out) {
        try {
            Object writer = field(out.getClass(), "closingDelegate").get(out);
            Class<?> c = writer.getClass();
            Field firstByte = field(c, "firstByte");
            if (!firstByte.getBoolean(writer) || field(c, "firstBuffer").get(writer) != null) {
                return;
            }
            Method send = c.getDeclaredMethod("sendHeadersAndPrepare");
            send.setAccessible(true);
            send.invoke(writer);
            firstByte.setBoolean(writer, false);
            ((io.helidon.common.buffers.DataWriter) field(c, "dataWriter").get(writer))
                    .writeNow(io.helidon.common.buffers.BufferData.empty());
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn("cannot send watch response headers early ({}); they will go out with the first event",
                        e.toString());
            }
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
