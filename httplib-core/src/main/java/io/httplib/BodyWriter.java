package io.httplib;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body that writes itself to the connection, for bodies produced on the fly (a JSON
 * encoder, a template, a copy from another stream) without holding them in memory.
 *
 * <p>With a known length the body is sent with {@code Content-Length} and must write exactly that
 * many bytes. With an unknown length, a body that turns out to fit in
 * {@link HTTPConnection#ADAPTIVE_BODY_BUFFER} bytes is still sent with {@code Content-Length}
 * (some servers refuse chunked requests); a longer one is streamed with chunked framing from the
 * moment it outgrows the buffer. The stream passed in must not be closed by the writer.
 */
@FunctionalInterface
public interface BodyWriter {

    /**
     * Writes the body.
     *
     * @param out the connection's body stream; do not close it
     */
    void writeTo(OutputStream out) throws IOException;
}
