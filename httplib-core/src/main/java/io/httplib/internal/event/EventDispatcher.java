package io.httplib.internal.event;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * How the core calls the listener of one call: binds the {@link CallContext} and catches and logs
 * whatever a listener throws, so a listener can never break a request. Code that may have no
 * listener holds a null dispatcher and tests for null: no event object is made then.
 */
public final class EventDispatcher {

    private final CallContext call;
    private final HttpEventListener listener;

    /**
     * @param call the call
     * @param listener its listener (possibly a composite)
     */
    public EventDispatcher(CallContext call, HttpEventListener listener) {
        this.call = call;
        this.listener = listener;
    }

    /** @return the call */
    public CallContext call() {
        return call;
    }

    public void callStart() {
        try {
            listener.callStart(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("callStart", listener, e);
        }
    }

    public void dnsStart(String host) {
        try {
            listener.dnsStart(call, host);
        } catch (RuntimeException e) {
            ListenerFailures.log("dnsStart", listener, e);
        }
    }

    public void dnsEnd(String host, List<InetAddress> addresses) {
        try {
            listener.dnsEnd(call, host, addresses);
        } catch (RuntimeException e) {
            ListenerFailures.log("dnsEnd", listener, e);
        }
    }

    public void connectStart(InetSocketAddress address) {
        try {
            listener.connectStart(call, address);
        } catch (RuntimeException e) {
            ListenerFailures.log("connectStart", listener, e);
        }
    }

    public void connectEnd(InetSocketAddress address) {
        try {
            listener.connectEnd(call, address);
        } catch (RuntimeException e) {
            ListenerFailures.log("connectEnd", listener, e);
        }
    }

    public void connectFailed(InetSocketAddress address, IOException failure) {
        try {
            listener.connectFailed(call, address, failure);
        } catch (RuntimeException e) {
            ListenerFailures.log("connectFailed", listener, e);
        }
    }

    public void secureConnectStart() {
        try {
            listener.secureConnectStart(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("secureConnectStart", listener, e);
        }
    }

    public void secureConnectEnd(SSLSession session) {
        try {
            listener.secureConnectEnd(call, session);
        } catch (RuntimeException e) {
            ListenerFailures.log("secureConnectEnd", listener, e);
        }
    }

    public void connectionAcquired(boolean reused) {
        try {
            listener.connectionAcquired(call, reused);
        } catch (RuntimeException e) {
            ListenerFailures.log("connectionAcquired", listener, e);
        }
    }

    public void connectionReleased(boolean keptAlive) {
        try {
            listener.connectionReleased(call, keptAlive);
        } catch (RuntimeException e) {
            ListenerFailures.log("connectionReleased", listener, e);
        }
    }

    public void requestHeadersStart() {
        try {
            listener.requestHeadersStart(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("requestHeadersStart", listener, e);
        }
    }

    public void requestHeadersEnd(long headerBytes) {
        try {
            listener.requestHeadersEnd(call, headerBytes);
        } catch (RuntimeException e) {
            ListenerFailures.log("requestHeadersEnd", listener, e);
        }
    }

    public void requestBodyStart() {
        try {
            listener.requestBodyStart(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("requestBodyStart", listener, e);
        }
    }

    public void requestBodyEnd(long bodyBytes) {
        try {
            listener.requestBodyEnd(call, bodyBytes);
        } catch (RuntimeException e) {
            ListenerFailures.log("requestBodyEnd", listener, e);
        }
    }

    public void responseHeadersStart() {
        try {
            listener.responseHeadersStart(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("responseHeadersStart", listener, e);
        }
    }

    public void responseHeadersEnd(int status) {
        try {
            listener.responseHeadersEnd(call, status);
        } catch (RuntimeException e) {
            ListenerFailures.log("responseHeadersEnd", listener, e);
        }
    }

    public void responseBodyStart() {
        try {
            listener.responseBodyStart(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("responseBodyStart", listener, e);
        }
    }

    public void responseBodyEnd(long bodyBytes) {
        try {
            listener.responseBodyEnd(call, bodyBytes);
        } catch (RuntimeException e) {
            ListenerFailures.log("responseBodyEnd", listener, e);
        }
    }

    public void callEnd() {
        try {
            listener.callEnd(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("callEnd", listener, e);
        }
    }

    public void sendReturned() {
        try {
            listener.sendReturned(call);
        } catch (RuntimeException e) {
            ListenerFailures.log("sendReturned", listener, e);
        }
    }

    public void callFailed(IOException failure) {
        try {
            listener.callFailed(call, failure);
        } catch (RuntimeException e) {
            ListenerFailures.log("callFailed", listener, e);
        }
    }
}
