package io.httplib;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.internal.event.EventDispatcher;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one {@link HttplibClient#send} call: its events, its deadline, the exchange in
 * progress, and the rule that exactly one of callEnd / callFailed ends it.
 */
final class ClientCall {

    final CallContext context;
    /** For the client's own events; a no-op listener when there is none. */
    final EventDispatcher events;
    /** What connections get: null when there is no listener, so they only test for null. */
    final EventDispatcher connectionEvents;
    private final Duration timeout;
    private final long deadlineNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ClientLease current;
    private volatile boolean finalReturned;
    private volatile boolean deadlineFired;
    private volatile ScheduledFuture<?> deadlineTask;

    ClientCall(CallContext context, HttpEventListener listener, Duration timeout) {
        this.context = context;
        this.events = new EventDispatcher(context, listener);
        this.connectionEvents = listener == HttpEventListener.NONE ? null : events;
        this.timeout = timeout;
        this.deadlineNanos = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    }

    /** Arms the deadline: when it passes, the socket of the exchange in progress is closed. */
    void startDeadline(ScheduledExecutorService scheduler) {
        if (timeout != null) {
            deadlineTask = scheduler.schedule(this::fireDeadline, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void fireDeadline() {
        deadlineFired = true;
        ClientLease l = current;
        if (l != null) {
            l.abort();
        }
    }

    /** @return whether the call has a deadline */
    boolean hasDeadline() {
        return timeout != null;
    }

    /** @return the deadline on the {@link System#nanoTime()} scale; meaningful when {@link #hasDeadline()} */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /** @return nanoseconds left before the deadline; {@code Long.MAX_VALUE} without one */
    long remainingNanos() {
        return timeout == null ? Long.MAX_VALUE : Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** @throws DeadlineExceeded when the deadline has passed */
    void checkDeadline() throws DeadlineExceeded {
        if (timeout != null && (deadlineFired || deadlineNanos - System.nanoTime() <= 0)) {
            deadlineFired = true;
            throw deadlineExceeded(null);
        }
    }

    boolean deadlinePassed() {
        return deadlineFired || (timeout != null && deadlineNanos - System.nanoTime() <= 0);
    }

    /** @return the failure as the caller should see it: {@link DeadlineExceeded} once the deadline fired */
    IOException translate(IOException e) {
        if (e instanceof DeadlineExceeded || !deadlinePassed()) {
            return e;
        }
        return deadlineExceeded(e);
    }

    private DeadlineExceeded deadlineExceeded(Throwable cause) {
        DeadlineExceeded d = new DeadlineExceeded("request deadline of " + timeout.toMillis() + " ms passed: "
                + context.method() + " " + context.uri());
        if (cause != null) {
            d.initCause(cause);
        }
        return d;
    }

    /** The exchange now in progress; a deadline that already fired aborts it at once. */
    void setCurrent(ClientLease lease) {
        current = lease;
        if (deadlineFired) {
            lease.abort();
        }
    }

    /** The final response is handed to the caller; the call ends now if its body already ended. */
    void returned(ClientLease lease) {
        finalReturned = true;
        if (lease.isBodyDone()) {
            finish(lease);
        }
    }

    /** The body of {@code lease}'s response ended; the call ends if that was the final response. */
    void bodyDone(ClientLease lease) {
        if (finalReturned && lease == current) {
            finish(lease);
        }
    }

    private void finish(ClientLease lease) {
        Exception f = lease.failure();
        if (f == null) {
            end();
        } else {
            fail(translate(f instanceof IOException io ? io : new IOException(f)));
        }
    }

    void end() {
        if (ended.compareAndSet(false, true)) {
            cancelDeadline();
            events.callEnd();
        }
    }

    void fail(IOException failure) {
        if (ended.compareAndSet(false, true)) {
            cancelDeadline();
            events.callFailed(failure);
        }
    }

    private void cancelDeadline() {
        ScheduledFuture<?> t = deadlineTask;
        if (t != null) {
            t.cancel(false);
        }
    }
}
