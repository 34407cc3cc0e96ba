package io.httplib.internal.pool;

import io.httplib.Route;
import java.util.ArrayDeque;

/** The connections and the queue of waiting callers of one route; guarded by the pool's lock. */
final class RoutePool<C> {

    final Route route;
    /** Most recently used first: the hot ones are reused, the cold ones age out. */
    final ArrayDeque<PooledConnection<C>> idle = new ArrayDeque<>();
    /** Connections lent out, and slots granted to waiters that have not made their connection yet. */
    int leased;

    /** The callers waiting, first come first: {@link #head} has waited longest. */
    Waiter<C> head;
    private Waiter<C> tail;
    int waiting;
    /** Whether the pool's list of routes with waiters holds this route (it is purged lazily). */
    boolean listed;

    RoutePool(Route route) {
        this.route = route;
    }

    /** @return the connections counted against {@code maxPerRoute}: leased (or about to be made) and idle */
    int size() {
        return leased + idle.size();
    }

    boolean isEmpty() {
        return leased == 0 && waiting == 0 && idle.isEmpty();
    }

    void enqueue(Waiter<C> w) {
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        waiting++;
    }

    void unlink(Waiter<C> w) {
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        waiting--;
    }
}
