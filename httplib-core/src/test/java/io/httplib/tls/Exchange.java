package io.httplib.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/** Sends one HTTP/1.1 request over a TLS socket and reads the whole response. */
final class Exchange {

    private Exchange() {}

    /**
     * @param socket a connected TLS socket; closed afterwards
     * @param host the Host header value
     * @return the raw response
     * @throws IOException if the exchange fails (e.g. the server rejected the client certificate)
     */
    static String get(SSLSocket socket, String host) throws IOException {
        try (socket) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * @param port a port on 127.0.0.1
     * @return a plain socket connected to it, with a 5 second read timeout
     * @throws IOException if it cannot connect
     */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        return socket;
    }
}
