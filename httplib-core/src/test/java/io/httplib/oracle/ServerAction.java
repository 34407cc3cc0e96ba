package io.httplib.oracle;

import java.nio.charset.StandardCharsets;

/**
 * One step of a replay server's script for one connection.
 *
 * @param kind what to do
 * @param bytes what to send, for {@link Kind#SEND}
 * @param millis how long to pause, for {@link Kind#PAUSE}
 */
record ServerAction(Kind kind, byte[] bytes, long millis) {

    enum Kind { RECV, RECV_HEAD, SEND, PAUSE, SHUTDOWN_OUTPUT, CLOSE, RESET }

    /** Reads one request: head and body (by Content-Length or chunked). */
    static ServerAction recv() {
        return new ServerAction(Kind.RECV, null, 0);
    }

    /** Reads one request head only. */
    static ServerAction recvHead() {
        return new ServerAction(Kind.RECV_HEAD, null, 0);
    }

    /** Sends bytes given as a latin-1 string (one char, one byte). */
    static ServerAction send(String latin1) {
        return new ServerAction(Kind.SEND, latin1.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    static ServerAction pause(long millis) {
        return new ServerAction(Kind.PAUSE, null, millis);
    }

    /** Half-closes: FIN to the client, keeps reading. */
    static ServerAction shutdownOutput() {
        return new ServerAction(Kind.SHUTDOWN_OUTPUT, null, 0);
    }

    /** Closes the connection (the script ends). */
    static ServerAction close() {
        return new ServerAction(Kind.CLOSE, null, 0);
    }

    /** Closes the connection with a TCP reset (the script ends). */
    static ServerAction reset() {
        return new ServerAction(Kind.RESET, null, 0);
    }

    @Override
    public String toString() {
        return kind == Kind.SEND ? "send " + OracleTranscript.quote(bytes) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
