package io.httplib.internal;

import io.httplib.internal.http1.DebugLog;
import java.nio.channels.spi.SelectorProvider;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts, once per JVM and on a daemon thread, the two JDK subsystems a first request waits for
 * and that nothing before it needs: the {@link SelectorProvider} behind every plain-TCP
 * connection's channel (found through a {@link java.util.ServiceLoader} scan of the class path)
 * and the {@link System.Logger} backend the wire log asks whether it is enabled. Done while the
 * application goes on building clients, they are ready, or half ready, when the first connection
 * opens: a first request in a fresh JVM waited for them one after the other, about 40 ms on a
 * 2-core machine. Nothing is sent, resolved or opened; a failure here changes nothing, since the
 * request path does the same work again itself.
 */
public final class Prewarm {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Prewarm() {}

    /** Starts the warm-up the first time; later calls do nothing. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Prewarm::run, "httplib-prewarm");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            SelectorProvider.provider();
            DebugLog.of(0, null);
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            // The request path meets the same failure itself, and reports it there.
        }
    }
}
