package io.httplib.spring.boot.autoconfigure;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage.Body;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * One request through httplib. See {@link HttplibClientHttpRequestFactory} for how bodies are
 * sent.
 */
final class HttplibClientHttpRequest extends AbstractStreamingClientHttpRequest {

    /**
     * Bodies up to this size are buffered and sent in one piece with a Content-Length: the
     * common case (JSON, forms) then costs no extra thread. Larger ones are streamed.
     */
    static final int BUFFER_LIMIT = 64 * 1024;

    private final HttplibClient client;

    private final URI uri;

    private final HttpMethod method;

    private final Boolean followRedirects;

    HttplibClientHttpRequest(HttplibClient client, URI uri, HttpMethod method, Boolean followRedirects) {
        this.client = client;
        this.uri = uri;
        this.method = method;
        this.followRedirects = followRedirects;
    }

    @Override
    public HttpMethod getMethod() {
        return this.method;
    }

    @Override
    public URI getURI() {
        return this.uri;
    }

    @Override
    protected ClientHttpResponse executeInternal(HttpHeaders headers, Body body) throws IOException {
        ClientRequest.Builder request = ClientRequest.builder(this.method.name(), this.uri.toString());
        headers.forEach((name, values) -> {
            // The framing headers are httplib's to write from the body it is given.
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING) && !values.isEmpty()) {
                request.header(name, join(name, values));
            }
        });
        Object template = getAttributes().get(HttplibClientHttpRequestFactory.URI_TEMPLATE_ATTRIBUTE);
        if (template instanceof String uriTemplate) {
            request.uriTemplate(uriTemplate);
        }
        if (this.followRedirects != null) {
            request.followRedirects(this.followRedirects);
        }
        if (body == null) {
            return new HttplibClientHttpResponse(this.client.send(request.build()));
        }
        BodyStream out = new BodyStream(request, headers.getContentLength());
        try {
            body.writeTo(out);
            out.close();
        }
        catch (IOException | RuntimeException ex) {
            out.abort(ex);
            throw out.failure(ex);
        }
        return new HttplibClientHttpResponse(out.response());
    }

    /** RFC 9110 section 5.3: repeated fields join with commas, except Cookie (RFC 6265, "; "). */
    private static String join(String name, List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(name.equalsIgnoreCase(HttpHeaders.COOKIE) ? "; " : ", ", values);
    }

    /**
     * The body stream handed to Spring: it buffers up to {@link #BUFFER_LIMIT} bytes; past that
     * it starts the exchange on a helper thread that reads the body through a {@link BodyPipe}
     * while the caller goes on writing.
     */
    private final class BodyStream extends OutputStream {

        private final ClientRequest.Builder request;

        private final long contentLength;

        private byte[] buffer = new byte[1024];

        private int count;

        private BodyPipe pipe;

        private CompletableFuture<ClientResponse> exchange;

        private ClientResponse response;

        private boolean closed;

        BodyStream(ClientRequest.Builder request, long contentLength) {
            this.request = request;
            this.contentLength = contentLength;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (this.closed) {
                throw new IOException("request body already closed");
            }
            if (this.pipe != null) {
                this.pipe.write(bytes, offset, length);
                return;
            }
            if (this.count + length <= BUFFER_LIMIT) {
                if (this.count + length > this.buffer.length) {
                    this.buffer = Arrays.copyOf(this.buffer,
                            Math.min(BUFFER_LIMIT, Math.max(this.count + length, this.buffer.length * 2)));
                }
                System.arraycopy(bytes, offset, this.buffer, this.count, length);
                this.count += length;
                return;
            }
            startStreaming();
            this.pipe.write(bytes, offset, length);
        }

        private void startStreaming() {
            this.pipe = new BodyPipe(BUFFER_LIMIT);
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(this.buffer, 0, this.count),
                    this.pipe.inputStream());
            this.buffer = null;
            ClientRequest streaming = this.request.body(in, this.contentLength >= 0 ? this.contentLength : -1)
                    .build();
            BodyPipe bodyPipe = this.pipe;
            this.exchange = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    this.exchange.complete(HttplibClientHttpRequest.this.client.send(streaming));
                }
                catch (Throwable ex) {
                    this.exchange.completeExceptionally(ex);
                }
                finally {
                    // If the exchange ended before the whole body was read (the server answered
                    // early, or failed), unblock the writer instead of leaving it waiting.
                    bodyPipe.closeReader();
                }
            }, "httplib-request-body");
            sender.setDaemon(true);
            sender.start();
        }

        @Override
        public void close() throws IOException {
            if (this.closed) {
                return;
            }
            this.closed = true;
            if (this.pipe == null) {
                this.response = HttplibClientHttpRequest.this.client
                        .send(this.request.body(Arrays.copyOf(this.buffer, this.count)).build());
                return;
            }
            this.pipe.closeWriter();
            this.response = await();
        }

        void abort(Exception cause) {
            this.closed = true;
            if (this.pipe != null) {
                this.pipe.fail(cause);
            }
        }

        /** The exchange's own failure explains a broken pipe better than the pipe does. */
        IOException failure(Exception writeFailure) {
            if (this.exchange != null && this.exchange.isCompletedExceptionally()) {
                try {
                    await();
                }
                catch (IOException ex) {
                    return ex;
                }
            }
            if (writeFailure instanceof IOException io) {
                return io;
            }
            if (writeFailure instanceof UncheckedIOException unchecked) {
                return unchecked.getCause();
            }
            throw (RuntimeException) writeFailure;
        }

        private ClientResponse await() throws IOException {
            try {
                return this.exchange.get();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the response");
            }
            catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(cause);
            }
        }

        ClientResponse response() {
            return this.response;
        }
    }
}
