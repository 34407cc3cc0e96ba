package io.httplib.internal.http1;

import io.httplib.BadStatusLine;
import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import io.httplib.RemoteDisconnected;
import io.httplib.internal.event.EventDispatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Runs exchanges on one {@link Transport}: writes request heads and bodies, reads response heads
 * (skipping interim 1xx responses) and opens the body stream the framing calls for. It never opens,
 * reopens or probes a connection; a failure leaves closing the transport to its owner.
 */
public final class Http1Codec {

    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    /**
     * The largest head kept for the next one to share Strings with: an idle pooled connection
     * holds at most this much, whatever {@link HTTPLimits#maxHeaderBytes()} allows.
     */
    static final int MAX_RETAINED_HEAD_BYTES = 4096;

    private final Transport transport;
    private final HttpInputBuffer in;
    private final OutputStream out;
    private final HTTPLimits limits;
    private final boolean strict;
    private final WireDebug debug;
    private EventDispatcher events;
    /**
     * The last final response head read here: the next one takes its Strings where the bytes
     * repeat ({@link HeaderParser#read(HttpInputBuffer, HTTPLimits, HeaderFields, int, String, HeaderFields)}).
     */
    private HeaderFields lastHeaders;
    /** The status line of the last final response head read here. */
    private StatusLine lastStatus;

    /**
     * @param transport the established connection
     * @param limits parser limits
     * @param strict whether a reply without a status line is refused (else taken as HTTP/0.9)
     * @param debug where wire lines are printed
     */
    public Http1Codec(Transport transport, HTTPLimits limits, boolean strict, WireDebug debug) {
        this.transport = transport;
        this.in = transport.in();
        this.out = transport.out();
        this.limits = limits;
        this.strict = strict;
        this.debug = debug;
    }

    /** @param events the current call's events, or null */
    public void events(EventDispatcher events) {
        this.events = events;
    }

    /** @return the transport */
    public Transport transport() {
        return transport;
    }

    /** @return the connection's output, for bodies that stream through the caller's writer */
    public OutputStream out() {
        return out;
    }

    /**
     * Writes a request head, and with it a small body, in one write (TCP_NODELAY is on, so one
     * packet and no Nagle delay).
     *
     * @param buf the head, followed by the body when {@code total > headLength}
     * @param headLength the head's length
     * @param total bytes to write
     */
    public void writeHead(byte[] buf, int headLength, int total) throws IOException {
        DebugLog log = debug.log();
        if (log != null) {
            log.send(buf, headLength);
            if (total > headLength) {
                log.sendBody(total - headLength);
            }
        }
        EventDispatcher ev = events;
        if (ev != null) {
            ev.requestHeadersStart();
        }
        out.write(buf, 0, total);
        out.flush();
        if (ev != null) {
            ev.requestHeadersEnd(headLength);
            if (total > headLength) {
                ev.requestBodyStart();
                ev.requestBodyEnd(total - headLength);
            }
        }
    }

    /**
     * Writes a request body after its head, framed as declared.
     *
     * @param chunked chunked framing, else exactly {@code length} bytes
     * @return the body bytes written, before framing
     */
    public long writeBody(RequestBody body, boolean chunked, long length) throws IOException {
        bodyStarts();
        long n;
        if (chunked) {
            ChunkedOutputStream c = new ChunkedOutputStream(out);
            n = body.writeTo(c);
            c.finish();
        } else {
            FixedLengthOutputStream f = new FixedLengthOutputStream(out, length);
            n = body.writeTo(f);
            f.finish();
        }
        out.flush();
        bodySent(n);
        return n;
    }

    /** Reports that a body starts to be written through {@link #out()}. */
    public void bodyStarts() {
        EventDispatcher ev = events;
        if (ev != null) {
            ev.requestBodyStart();
        }
    }

    /** Reports a body that was written through {@link #out()}. */
    public void bodySent(long n) {
        DebugLog log = debug.log();
        if (log != null) {
            log.sendBody(n);
        }
        EventDispatcher ev = events;
        if (ev != null) {
            ev.requestBodyEnd(n);
        }
    }

    /** Writes raw bytes (the Python API's {@code send}). */
    public void writeRaw(byte[] data) throws IOException {
        out.write(data);
        out.flush();
        DebugLog log = debug.log();
        if (log != null) {
            log.sendBody(data.length);
        }
    }

    /**
     * Waits, at most {@code waitMillis}, for the server's answer to {@code Expect: 100-continue}
     * (RFC 9110 section 10.1.1).
     *
     * @return null to send the body (a 100 came, or the server stayed silent); else the final
     *     response that came instead, whose body was not asked for
     */
    public ResponseHead awaitContinue(int waitMillis) throws IOException {
        int interim = 0;
        while (true) {
            StatusLine sl;
            transport.setReadTimeout(Math.max(1, waitMillis));
            try {
                sl = readStatusLine();
            } catch (SocketTimeoutException e) {
                return null; // the server is silent: send the body anyway
            } finally {
                transport.restoreReadTimeout();
            }
            HeaderFields headers = new HeaderFields(8);
            HeaderParser.read(in, limits, headers, limits.maxHeaderBytes(), "header");
            if (sl.status() == 100) {
                return null;
            }
            if (sl.status() >= 200 || sl.status() == 101) {
                return new ResponseHead(sl, headers);
            }
            if (++interim > limits.maxInterimResponses()) {
                throw tooManyInterim();
            }
        }
    }

    /**
     * Reads the final response head, skipping interim 1xx responses other than 101. The
     * {@code responseHeadersStart} event marks the first byte (time to first byte, as OkHttp's).
     *
     * @param pending a final head that already arrived while waiting for 100, or null
     */
    public ResponseHead readResponseHead(ResponseHead pending) throws IOException {
        EventDispatcher ev = events;
        ResponseHead head = pending;
        if (head == null) {
            if (ev != null && in.buffered() == 0 && in.fill() < 0) {
                throw new RemoteDisconnected("Remote end closed connection without response");
            }
            if (ev != null) {
                ev.responseHeadersStart();
            }
            int interim = 0;
            while (true) {
                StatusLine sl = readStatusLine();
                HeaderFields last = lastHeaders;
                HeaderFields headers = new HeaderFields(last != null ? last.size() + 1 : 16);
                int budget = limits.maxHeaderBytes() - sl.line().length();
                int left = budget;
                if (sl.version() != 9) {
                    left = HeaderParser.read(in, limits, headers, budget, "header", last);
                }
                if (sl.status() >= 200 || sl.status() == 101) {
                    head = new ResponseHead(sl, headers);
                    lastHeaders = retainable(headers, budget - left) ? headers : null;
                    lastStatus = sl;
                    break;
                }
                if (++interim > limits.maxInterimResponses()) {
                    throw tooManyInterim();
                }
            }
        } else if (ev != null) {
            ev.responseHeadersStart();
        }
        DebugLog log = debug.log();
        if (log != null) {
            HeaderFields h = head.headers();
            for (int i = 0; i < h.size(); i++) {
                log.header(h.names()[i], h.values()[i]);
            }
        }
        return head;
    }

    /**
     * @param framing the framing the response head calls for
     * @param owner told when the body ends
     * @return the body stream
     */
    public BodyInputStream openBody(Framing framing, BodyOwner owner) {
        return switch (framing.kind()) {
            case EMPTY -> new FixedLengthInputStream(in, owner, 0);
            case FIXED -> new FixedLengthInputStream(in, owner, framing.length());
            case CHUNKED -> new ChunkedInputStream(in, owner, limits);
            case UNTIL_CLOSE -> new UntilCloseInputStream(in, owner);
        };
    }

    /**
     * Whether a head is kept for the next response to share Strings with: a small one without
     * {@code Set-Cookie}, so that an idle connection holds little, and no session cookie outlives
     * the response that carried it.
     */
    private static boolean retainable(HeaderFields headers, int bytes) {
        if (bytes > MAX_RETAINED_HEAD_BYTES) {
            return false;
        }
        String[] names = headers.names();
        for (int i = 0; i < headers.size(); i++) {
            if (names[i].equalsIgnoreCase("Set-Cookie")) {
                return false;
            }
        }
        return true;
    }

    private StatusLine readStatusLine() throws IOException {
        if (!strict && !in.startsWith(HTTP_SLASH)) {
            if (in.buffered() == 0) {
                // Nothing at all: that is a disconnect, not an HTTP/0.9 reply.
                return StatusLine.parse(null);
            }
            DebugLog log = debug.log();
            if (log != null) {
                log.reply("(HTTP/0.9 reply, no status line)");
            }
            return StatusLine.HTTP_09;
        }
        StatusLine last = lastStatus;
        if (last != null && in.startsWith(HTTP_SLASH)) {
            // The same status line as the previous response (most are "HTTP/1.1 200 OK"): its
            // parsed form again, without a String for the line.
            int len = in.readLineView(limits.maxLineLength(), "status line");
            if (len >= 0 && in.lastLineTerminated()
                    && HeaderParser.sameBytes(last.line(), in.lineArray(), in.lineOffset(), in.lineOffset() + len)) {
                DebugLog log = debug.log();
                if (log != null) {
                    log.reply(last.line());
                }
                return last;
            }
            String line = len < 0 ? null : new String(in.lineArray(), in.lineOffset(), len, StandardCharsets.ISO_8859_1);
            return parseStatusLine(line);
        }
        return parseStatusLine(in.readLine(limits.maxLineLength(), "status line"));
    }

    private StatusLine parseStatusLine(String line) throws IOException {
        DebugLog log = debug.log();
        if (log != null && line != null) {
            log.reply(line);
        }
        if (line != null && !in.lastLineTerminated()) {
            throw new BadStatusLine(line);
        }
        return StatusLine.parse(line);
    }

    private HTTPException tooManyInterim() {
        return new HTTPException("more than " + limits.maxInterimResponses() + " interim (1xx) responses");
    }

    /** A response's status line and headers. */
    public record ResponseHead(StatusLine status, HeaderFields headers) {}
}
