package io.httplib;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request URIs one {@link HttplibClient} was last given as strings, each resolved against the
 * base URI with its route and origin-form target. Clients call a handful of URIs over and over;
 * parsing each again costs a {@link URI}, half a dozen substrings and a {@link Route} per call.
 *
 * <p>Bounded: past {@link #MAX_ENTRIES} distinct strings the whole table is dropped and refilled,
 * so a client that never repeats a URI pays one map insertion per call and keeps no more than
 * that many. Entries are immutable values, so two threads resolving the same string at once
 * both get a correct answer. A URI that may hold credentials (an {@code @}, as in user info) is
 * never kept.
 */
final class ResolvedTargets {

    /** Most distinct URI strings kept; a URI longer than {@link #MAX_URI_LENGTH} is never kept. */
    static final int MAX_ENTRIES = 256;

    /** Longest URI string kept (longer ones are rarely repeated, and would pin memory). */
    static final int MAX_URI_LENGTH = 2048;

    /** One resolved request URI. */
    static final class Resolved {
        final URI uri;
        final Route route;
        final String target;

        Resolved(URI uri, Route route, String target) {
            this.uri = uri;
            this.route = route;
            this.target = target;
        }
    }

    private final ConcurrentHashMap<String, Resolved> entries = new ConcurrentHashMap<>();

    /** @return what {@code uri} resolved to before, or null */
    Resolved get(String uri) {
        return entries.get(uri);
    }

    /** Keeps {@code resolved} for {@code uri}, dropping every entry when the table is full. */
    void put(String uri, Resolved resolved) {
        // A URI with user info ("user:password@host") may carry credentials: never kept. (An '@'
        // in a path or query is refused too: such URIs are simply parsed every time.)
        if (uri.length() > MAX_URI_LENGTH || uri.indexOf('@') >= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(uri, resolved);
    }

    /** @return number of entries (for tests) */
    int size() {
        return entries.size();
    }
}
