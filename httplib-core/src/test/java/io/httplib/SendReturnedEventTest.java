package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.ScriptedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sendReturned} marks the end of {@code HttplibClient.send} on the caller's thread, once
 * per call, whether the call is still going (a body to read, perhaps on another thread), has
 * ended, or failed: what a listener needs to close state bound to the caller's thread, such as a
 * tracing scope.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SendReturnedEventTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    /** Records the call-level events with the name of the thread each came on. */
    private static final class ThreadRecorder implements HttpEventListener {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void callStart(CallContext call) {
            events.add("callStart@" + Thread.currentThread().getName());
        }

        @Override
        public void sendReturned(CallContext call) {
            events.add("sendReturned@" + Thread.currentThread().getName());
        }

        @Override
        public void callEnd(CallContext call) {
            events.add("callEnd@" + Thread.currentThread().getName());
        }

        @Override
        public void callFailed(CallContext call, IOException failure) {
            events.add("callFailed@" + Thread.currentThread().getName());
        }
    }

    @Test
    void aBodyReadOnAnotherThreadEndsTheCallThereAfterSendReturnedOnTheCallersThread() throws Exception {
        ThreadRecorder recorder = new ThreadRecorder();
        String caller = Thread.currentThread().getName();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListener(recorder).build()) {
            ClientResponse response = client.send("GET", "/", null, null);
            assertThat(recorder.events).containsExactly("callStart@" + caller, "sendReturned@" + caller);
            FutureTask<String> read = new FutureTask<>(() -> {
                try (response) {
                    return response.readString();
                }
            });
            Thread reader = new Thread(read, "body-reader");
            reader.setDaemon(true);
            reader.start();
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        }
        assertThat(recorder.events).containsExactly("callStart@" + caller, "sendReturned@" + caller,
                "callEnd@body-reader");
    }

    @Test
    void aResponseWithoutABodyEndsTheCallBeforeSendReturns() throws Exception {
        ThreadRecorder recorder = new ThreadRecorder();
        String caller = Thread.currentThread().getName();
        try (ScriptedServer server = ScriptedServer.start(
                ScriptedServer.replies("HTTP/1.1 204 No Content\r\n\r\n"));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListener(recorder).build();
                ClientResponse response = client.send("GET", "/", null, null)) {
            assertThat(response.status()).isEqualTo(204);
        }
        assertThat(recorder.events).containsExactly("callStart@" + caller, "callEnd@" + caller,
                "sendReturned@" + caller);
    }

    @Test
    void aFailedCallReportsCallFailedThenSendReturnedOnTheCallersThread() throws Exception {
        ThreadRecorder recorder = new ThreadRecorder();
        String caller = Thread.currentThread().getName();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (HttplibClient client = HttplibClient.builder().eventListener(recorder).build()) {
            assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:" + closedPort + "/", null, null))
                    .isInstanceOf(IOException.class);
        }
        assertThat(recorder.events).containsExactly("callStart@" + caller, "callFailed@" + caller,
                "sendReturned@" + caller);
    }

    @Test
    void aRedirectedCallReportsSendReturnedOnce() throws Exception {
        ThreadRecorder recorder = new ThreadRecorder();
        String caller = Thread.currentThread().getName();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                "HTTP/1.1 302 Found\r\nLocation: /there\r\nContent-Length: 0\r\n\r\n", OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .followRedirects(true).eventListener(recorder).build();
                ClientResponse response = client.send("GET", "/here", null, null)) {
            assertThat(recorder.events).containsExactly("callStart@" + caller, "sendReturned@" + caller);
            assertThat(response.readString()).isEqualTo("hello");
        }
        assertThat(recorder.events).containsExactly("callStart@" + caller, "sendReturned@" + caller,
                "callEnd@" + caller);
    }
}
