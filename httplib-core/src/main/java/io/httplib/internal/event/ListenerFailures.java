package io.httplib.internal.event;

/** Logs what a listener threw; the request goes on. */
public final class ListenerFailures {

    private static final System.Logger LOG = System.getLogger("io.httplib.event");

    private ListenerFailures() {}

    public static void log(String event, Object listener, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, () -> "event listener " + listener.getClass().getName()
                + " threw from " + event + "; ignored", e);
    }
}
