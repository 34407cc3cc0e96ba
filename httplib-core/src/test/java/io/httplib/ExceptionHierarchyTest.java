package io.httplib;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The exception types form the documented hierarchy. */
class ExceptionHierarchyTest {

    @Test
    void httpExceptionIsAnIOException() {
        assertThat(IOException.class).isAssignableFrom(HTTPException.class);
    }

    @Test
    void everyHttplibExceptionIsAnHTTPException() {
        assertThat(new Class<?>[] {
                NotConnected.class, InvalidURL.class, UnknownProtocol.class, UnknownTransferEncoding.class,
                UnimplementedFileMode.class, IncompleteRead.class, ImproperConnectionState.class,
                CannotSendRequest.class, CannotSendHeader.class, ResponseNotReady.class,
                BadStatusLine.class, RemoteDisconnected.class, LineTooLong.class})
                .allSatisfy(type -> assertThat(HTTPException.class).isAssignableFrom(type));
    }

    @Test
    void connectionStateErrorsAreImproperConnectionState() {
        assertThat(ImproperConnectionState.class).isAssignableFrom(CannotSendRequest.class);
        assertThat(ImproperConnectionState.class).isAssignableFrom(CannotSendHeader.class);
        assertThat(ImproperConnectionState.class).isAssignableFrom(ResponseNotReady.class);
    }

    @Test
    void remoteDisconnectedIsABadStatusLine() {
        assertThat(BadStatusLine.class).isAssignableFrom(RemoteDisconnected.class);
    }
}
