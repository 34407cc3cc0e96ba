package io.httplib.internal.pool;

import java.util.ArrayDeque;

/** The connections of one route; guarded by the pool's lock. */
final class RoutePool<C> {

    /** Most recently used first: the hot ones are reused, the cold ones age out. */
    final ArrayDeque<PooledConnection<C>> idle = new ArrayDeque<>();
    int leased;
    int pending;

    boolean isEmpty() {
        return leased == 0 && pending == 0 && idle.isEmpty();
    }
}
