package io.httplib.internal.event;

import io.httplib.event.CallContext;
import java.net.URI;

/** Lets the client advance a {@link CallContext} to its next exchange without public setters. */
public final class CallContextAccess {

    /** The hidden mutator. */
    @FunctionalInterface
    public interface Advancer {
        void next(CallContext call, String method, URI uri);
    }

    private static volatile Advancer advancer;

    private CallContextAccess() {}

    /** Called once by {@link CallContext}'s static initializer. */
    public static void install(Advancer a) {
        advancer = a;
    }

    /** Moves the call to its next exchange (a retry or a redirect): attempt + 1. */
    public static void next(CallContext call, String method, URI uri) {
        if (advancer == null) {
            // Loads CallContext, which installs the advancer; a call already exists, so it is loaded.
            throw new IllegalStateException("CallContext not initialized");
        }
        advancer.next(call, method, uri);
    }
}
