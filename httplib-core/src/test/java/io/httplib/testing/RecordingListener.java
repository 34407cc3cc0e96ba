package io.httplib.testing;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSession;

/**
 * Records event names in order, e.g. {@code connectionAcquired(reused=true)}, and checks that
 * every start has its end, or that the call failed.
 */
public final class RecordingListener implements HttpEventListener {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<CallContext> calls = new CopyOnWriteArrayList<>();

    /** @return the event names so far */
    public List<String> events() {
        return new ArrayList<>(events);
    }

    /** @return the calls seen by callStart */
    public List<CallContext> calls() {
        return calls;
    }

    /** Forgets what was recorded. */
    public void clear() {
        events.clear();
        calls.clear();
    }

    /**
     * Checks the pairing rules over everything recorded: each xStart is followed by xEnd (or
     * connectFailed for connect); an unmatched start is allowed only in a call that ended in
     * callFailed or in an attempt whose connection was released closed (a retried attempt);
     * each callStart ends in exactly one of callEnd / callFailed.
     *
     * @throws AssertionError naming the first violation
     */
    public void assertBalanced() {
        List<String> open = new ArrayList<>();
        boolean callOpen = false;
        for (String e : events) {
            String name = e.contains("(") ? e.substring(0, e.indexOf('(')) : e;
            if (name.equals("callStart")) {
                if (callOpen) {
                    throw new AssertionError("callStart inside an open call: " + events);
                }
                callOpen = true;
                open.clear();
            } else if (name.equals("callEnd")) {
                if (!callOpen || !open.isEmpty()) {
                    throw new AssertionError("callEnd with open phases " + open + ": " + events);
                }
                callOpen = false;
            } else if (name.equals("callFailed")) {
                if (!callOpen) {
                    throw new AssertionError("callFailed outside a call: " + events);
                }
                callOpen = false;
                open.clear();
            } else if (name.endsWith("Start")) {
                open.add(name.substring(0, name.length() - 5));
            } else if (name.endsWith("End")) {
                String phase = name.substring(0, name.length() - 3);
                if (!open.remove(phase)) {
                    throw new AssertionError(name + " without start: " + events);
                }
            } else if (name.equals("connectFailed")) {
                if (!open.remove("connect")) {
                    throw new AssertionError("connectFailed without connectStart: " + events);
                }
            } else if (name.equals("connectionAcquired")) {
                open.add("connection");
            } else if (name.equals("connectionReleased")) {
                if (!open.remove("connection")) {
                    throw new AssertionError("connectionReleased without connectionAcquired: " + events);
                }
                if (e.endsWith("(keptAlive=true)") && !open.isEmpty()) {
                    throw new AssertionError("connection kept alive with open phases " + open + ": " + events);
                }
                // A failed attempt (retried or redirected past) ends with its connection closed.
                open.clear();
            }
        }
        if (callOpen) {
            throw new AssertionError("call neither ended nor failed: " + events);
        }
    }

    @Override public void callStart(CallContext call) { calls.add(call); events.add("callStart"); }
    @Override public void dnsStart(CallContext call, String host) { events.add("dnsStart"); }
    @Override public void dnsEnd(CallContext call, String host, List<InetAddress> addresses) { events.add("dnsEnd"); }
    @Override public void connectStart(CallContext call, InetSocketAddress address) { events.add("connectStart"); }
    @Override public void connectEnd(CallContext call, InetSocketAddress address) { events.add("connectEnd"); }
    @Override public void connectFailed(CallContext call, InetSocketAddress address, IOException failure) { events.add("connectFailed"); }
    @Override public void secureConnectStart(CallContext call) { events.add("secureConnectStart"); }
    @Override public void secureConnectEnd(CallContext call, SSLSession session) { events.add("secureConnectEnd"); }
    @Override public void connectionAcquired(CallContext call, boolean reused) { events.add("connectionAcquired(reused=" + reused + ")"); }
    @Override public void connectionReleased(CallContext call, boolean keptAlive) { events.add("connectionReleased(keptAlive=" + keptAlive + ")"); }
    @Override public void requestHeadersStart(CallContext call) { events.add("requestHeadersStart"); }
    @Override public void requestHeadersEnd(CallContext call, long headerBytes) { events.add("requestHeadersEnd"); }
    @Override public void requestBodyStart(CallContext call) { events.add("requestBodyStart"); }
    @Override public void requestBodyEnd(CallContext call, long bodyBytes) { events.add("requestBodyEnd(" + bodyBytes + ")"); }
    @Override public void responseHeadersStart(CallContext call) { events.add("responseHeadersStart"); }
    @Override public void responseHeadersEnd(CallContext call, int status) { events.add("responseHeadersEnd(" + status + ")"); }
    @Override public void responseBodyStart(CallContext call) { events.add("responseBodyStart"); }
    @Override public void responseBodyEnd(CallContext call, long bodyBytes) { events.add("responseBodyEnd(" + bodyBytes + ")"); }
    @Override public void callEnd(CallContext call) { events.add("callEnd"); }
    @Override public void callFailed(CallContext call, IOException failure) { events.add("callFailed(" + failure.getClass().getSimpleName() + ")"); }
}
