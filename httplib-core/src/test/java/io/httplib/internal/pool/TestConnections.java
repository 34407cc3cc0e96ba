package io.httplib.internal.pool;

import io.httplib.Route;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections for driving {@link Pool} directly: the pool only makes, probes and closes what it
 * holds, so a connection here is an object that knows its route and whether it was closed. Counts
 * every one made and every one still open.
 */
final class TestConnections {

    /** One connection. */
    static final class Conn implements AutoCloseable {
        final int id;
        final Route route;
        volatile boolean closed;
        private final TestConnections owner;

        Conn(int id, Route route, TestConnections owner) {
            this.id = id;
            this.route = route;
            this.owner = owner;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                owner.open.remove(this);
            }
        }

        @Override
        public String toString() {
            return "Conn" + id + "[" + route + (closed ? ", closed" : "") + "]";
        }
    }

    private final AtomicInteger made = new AtomicInteger();
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();

    Conn create(Route route) {
        Conn c = new Conn(made.incrementAndGet(), route, this);
        open.add(c);
        return c;
    }

    boolean probe(Conn c) {
        return !c.closed;
    }

    int made() {
        return made.get();
    }

    int open() {
        return open.size();
    }
}
