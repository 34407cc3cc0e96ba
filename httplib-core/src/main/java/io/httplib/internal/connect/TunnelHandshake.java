package io.httplib.internal.connect;

import io.httplib.BadStatusLine;
import io.httplib.HTTPLimits;
import io.httplib.ProxyAuthenticationRequired;
import io.httplib.TunnelRefused;
import io.httplib.internal.http1.DebugLog;
import io.httplib.internal.http1.HeaderFields;
import io.httplib.internal.http1.HeaderParser;
import io.httplib.internal.http1.HttpInputBuffer;
import io.httplib.internal.http1.RequestHead;
import io.httplib.internal.http1.StatusLine;
import io.httplib.internal.http1.Transport;
import io.httplib.internal.http1.WireDebug;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;

/**
 * The {@code CONNECT} exchange with a proxy (RFC 9110 section 9.3.6), as CPython's
 * {@code _tunnel}: its own head buffer, so a request the caller has already started is never
 * touched, and its own reader, always strict whatever the connection's {@code strict} says: a
 * reply that is not HTTP at all is an error, never an HTTP/0.9 body.
 */
final class TunnelHandshake {

    private TunnelHandshake() {}

    /**
     * Sends {@code CONNECT} and reads the proxy's reply.
     *
     * @param tcp the socket connected to the proxy
     * @param proxy the proxy's {@code host:port}, for messages
     * @return the read buffer over {@code tcp}, positioned after the reply: whatever follows came
     *     through the tunnel
     * @throws ProxyAuthenticationRequired for a 407 reply, with the proxy's challenges
     * @throws TunnelRefused for any other reply than 2xx
     */
    static HttpInputBuffer open(Socket tcp, String proxy, Tunnel tunnel, HTTPLimits limits, WireDebug debug)
            throws IOException {
        String authority = tunnel.authority();
        RequestHead head = new RequestHead();
        head.append("CONNECT ").append(authority).append(" HTTP/1.1").crlf();
        head.header("Host", authority);
        for (Map.Entry<String, String> h : tunnel.headers()) {
            head.header(h.getKey(), h.getValue());
        }
        head.crlf();
        DebugLog log = debug.log();
        if (log != null) {
            log.send(head.array(), head.length());
        }
        OutputStream out = tcp.getOutputStream();
        out.write(head.array(), 0, head.length());
        out.flush();

        HttpInputBuffer in = Transport.bufferFor(tcp);
        String line = in.readLine(limits.maxLineLength(), "status line");
        if (log != null && line != null) {
            log.reply(line);
        }
        if (line != null && !in.lastLineTerminated()) {
            throw new BadStatusLine(line);
        }
        StatusLine status = StatusLine.parse(line);
        HeaderFields headers = new HeaderFields(8);
        HeaderParser.read(in, limits, headers, limits.maxHeaderBytes() - line.length(), "header");
        if (log != null) {
            for (int i = 0; i < headers.size(); i++) {
                log.header(headers.names()[i], headers.values()[i]);
            }
        }
        if (status.status() == 407) {
            throw new ProxyAuthenticationRequired(proxy, authority, status.reason(),
                    headers.all("Proxy-Authenticate"));
        }
        if (status.status() < 200 || status.status() >= 300) {
            throw new TunnelRefused(authority, status.status(), status.reason());
        }
        // A 2xx reply to CONNECT has no body, whatever its Content-Length or Transfer-Encoding
        // say (RFC 9110 section 9.3.6): the next byte is the tunnel's.
        return in;
    }
}
