package io.httplib.internal;

import java.nio.channels.spi.SelectorProvider;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts, once per JVM and on a daemon thread, the JDK subsystem a first plain-TCP connection waits
 * for and that nothing before it needs: the {@link SelectorProvider} behind every connection's
 * {@code SocketChannel}, which the JDK finds through a {@link java.util.ServiceLoader} scan of the
 * class path (25-35 ms on a 2-core machine with a dozen jars). Done while the application goes on
 * building clients, it is ready, or half ready, when the first connection opens. Nothing is sent,
 * resolved or opened. The logging back end is deliberately not touched here: when
 * {@code java.util.logging} starts is the application's business. A failure changes nothing, since
 * the request path does the same work again itself and reports it there.
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
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            // The request path meets the same failure itself, and reports it there.
        }
    }
}
