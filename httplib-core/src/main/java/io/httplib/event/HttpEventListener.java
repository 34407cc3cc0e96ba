package io.httplib.event;

import io.httplib.internal.event.CompositeListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * Callbacks for the phases of one call made through {@link io.httplib.HttplibClient}: for metrics,
 * tracing and logging. Every method does nothing by default; implement the ones you need.
 *
 * <h2>Rules for implementations</h2>
 * <ul>
 * <li><b>Fast</b>: callbacks run on the thread doing the I/O, inside the request. Record and return.</li>
 * <li><b>Never throw</b>: an exception is caught, logged to the {@code System.Logger}
 *     {@code io.httplib.event} and otherwise ignored; it never breaks the request.</li>
 * <li><b>No re-entry</b>: do not make requests through the same client from a callback.</li>
 * <li><b>Propagation</b>: a listener may add headers to the call's requests with
 *     {@link CallContext#setRequestHeader} (in {@code callStart}, before the first request is
 *     written): that is how trace context reaches the server.</li>
 * </ul>
 *
 * <h2>Order</h2>
 * For one call on a new connection:
 * <pre>
 * callStart
 *   dnsStart dnsEnd  connectStart connectEnd  [secureConnectStart secureConnectEnd]
 *   connectionAcquired(reused=false)
 *   requestHeadersStart requestHeadersEnd  [requestBodyStart requestBodyEnd]
 *   responseHeadersStart responseHeadersEnd  responseBodyStart responseBodyEnd
 *   connectionReleased
 * callEnd
 * </pre>
 * A reused connection skips dns, connect and secureConnect ({@code connectionAcquired(reused=true)}).
 * A retry or a redirect repeats the part from {@code connectionAcquired} (or from dns) to
 * {@code connectionReleased} inside the same call, with {@link CallContext#attempt()} incremented.
 * Exactly one of {@code callEnd} and {@code callFailed} ends each call; {@code callEnd} comes when
 * the final response's body ended or the response was closed, which may be on another thread than
 * the one that called {@code send}. {@code sendReturned} comes on the caller's thread when
 * {@code send} returns or throws: before {@code callEnd} when a body is still to be read, after
 * {@code callEnd} or {@code callFailed} otherwise. After a failure, phases that had
 * started may have no end: {@code callFailed} closes them all, and so does
 * {@code connectionReleased(keptAlive=false)} for the phases of an attempt that is retried. {@code connectFailed} ends a
 * {@code connectStart} whose address could not be reached (the next address may follow).
 */
public interface HttpEventListener {

    /** A listener that does nothing. */
    HttpEventListener NONE = new HttpEventListener() {};

    /** The call started (before the pool is asked for a connection). */
    default void callStart(CallContext call) {}

    /** Name resolution starts for {@code host}. */
    default void dnsStart(CallContext call, String host) {}

    /** Name resolution ended with these addresses. */
    default void dnsEnd(CallContext call, String host, List<InetAddress> addresses) {}

    /** A TCP connect to {@code address} starts. */
    default void connectStart(CallContext call, InetSocketAddress address) {}

    /** The TCP connect (and the proxy tunnel, if any) succeeded. */
    default void connectEnd(CallContext call, InetSocketAddress address) {}

    /** The TCP connect to {@code address} failed. */
    default void connectFailed(CallContext call, InetSocketAddress address, IOException failure) {}

    /** The TLS handshake starts. */
    default void secureConnectStart(CallContext call) {}

    /** The TLS handshake ended; {@code session} may be null when the socket is not an SSL socket. */
    default void secureConnectEnd(CallContext call, SSLSession session) {}

    /** A connection is assigned to the call: an idle pooled one ({@code reused}) or a new one. */
    default void connectionAcquired(CallContext call, boolean reused) {}

    /** The call is done with the connection: back to the pool ({@code keptAlive}) or closed. */
    default void connectionReleased(CallContext call, boolean keptAlive) {}

    /** The request head is about to be written. */
    default void requestHeadersStart(CallContext call) {}

    /** The request head was written ({@code headerBytes} bytes, CRLFs included). */
    default void requestHeadersEnd(CallContext call, long headerBytes) {}

    /** The request body is about to be written. */
    default void requestBodyStart(CallContext call) {}

    /** The request body was written ({@code bodyBytes} bytes, before chunk framing). */
    default void requestBodyEnd(CallContext call, long bodyBytes) {}

    /**
     * The first byte of the response arrived; the head is being read. The time from
     * {@link #requestHeadersStart} to here is the time to first byte.
     */
    default void responseHeadersStart(CallContext call) {}

    /** The final (non-1xx) response head was parsed. */
    default void responseHeadersEnd(CallContext call, int status) {}

    /** The response body is ready to be read. */
    default void responseBodyStart(CallContext call) {}

    /** The response body ended: read to its end, or abandoned or broken after {@code bodyBytes} bytes. */
    default void responseBodyEnd(CallContext call, long bodyBytes) {}

    /** The call ended normally: its final response was read to the end or closed. */
    default void callEnd(CallContext call) {}

    /**
     * {@code HttplibClient.send} is returning to its caller, with the response (its head read) or
     * by throwing. Comes exactly once per call, after {@link #callStart} and on the same thread:
     * the one callback guaranteed to run on the caller's thread at the end of {@code send}, for
     * state bound to that thread for the time of {@code send} (a tracing scope opened in
     * {@code callStart}). The call may have ended already ({@link #callFailed}, or {@link #callEnd}
     * when the response had no body to read); otherwise {@code callEnd} or {@code callFailed}
     * follows later, on whichever thread reads or closes the body.
     */
    default void sendReturned(CallContext call) {}

    /** The call failed; no {@code callEnd} follows. */
    default void callFailed(CallContext call, IOException failure) {}

    /**
     * @param listeners listeners to call in order; nulls and {@link #NONE} are skipped
     * @return one listener calling each of them, each call guarded so that one that throws does
     *     not keep the others from being called
     */
    static HttpEventListener composite(HttpEventListener... listeners) {
        return CompositeListener.of(listeners);
    }

    /** Makes one listener per call, for listeners that keep per-call state in fields. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param call the call that starts
         * @return its listener; null or {@link HttpEventListener#NONE} for none
         */
        HttpEventListener create(CallContext call);
    }
}
