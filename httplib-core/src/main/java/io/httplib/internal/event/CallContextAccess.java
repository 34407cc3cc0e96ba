package io.httplib.internal.event;

import io.httplib.HttpProxy;
import io.httplib.event.CallContext;
import java.net.URI;
import java.util.Map;

/**
 * Lets the client advance a {@link CallContext} to its next exchange, name its proxy and give it
 * the request's attributes, without public setters.
 */
public final class CallContextAccess {

    /** The hidden mutators. */
    public interface Advancer {
        /** Moves the call to its next exchange. */
        void next(CallContext call, String method, URI uri);

        /** Records the proxy of the exchange in progress (null: direct). */
        void proxy(CallContext call, HttpProxy proxy);

        /** Gives a new call the request's attributes, before any listener sees it. */
        void initialAttributes(CallContext call, Map<Object, Object> attributes);
    }

    private static volatile Advancer advancer;

    private CallContextAccess() {}

    /** Called once by {@link CallContext}'s static initializer. */
    public static void install(Advancer a) {
        advancer = a;
    }

    /** Moves the call to its next exchange (a retry or a redirect): attempt + 1. */
    public static void next(CallContext call, String method, URI uri) {
        advancer().next(call, method, uri);
    }

    /** Records the proxy of the exchange in progress; null for a direct connection. */
    public static void proxy(CallContext call, HttpProxy proxy) {
        advancer().proxy(call, proxy);
    }

    /**
     * Gives a new call its request's attributes before any listener sees it: an immutable map,
     * shared until a listener changes an attribute (then the call copies it).
     */
    public static void initialAttributes(CallContext call, Map<Object, Object> attributes) {
        advancer().initialAttributes(call, attributes);
    }

    private static Advancer advancer() {
        Advancer a = advancer;
        if (a == null) {
            // CallContext's static initializer installs it; a call already exists, so it is loaded.
            throw new IllegalStateException("CallContext not initialized");
        }
        return a;
    }
}
