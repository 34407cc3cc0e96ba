package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** 1xx interim responses before the final response. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterimResponseTest {

    private static String interim(int count) {
        return "HTTP/1.1 100 Continue\r\n\r\n".repeat(count);
    }

    @Test
    void interim100And102And103ResponsesAreSkipped() throws Exception {
        String reply = "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 102 Processing\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal";
        try (ScriptedServer server = ScriptedServer.start(replies(reply, ok("next")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getReason()).isEqualTo("OK");
            assertThat(readText(response)).isEqualTo("final");
            // headers of interim responses do not leak into the final one
            assertThat(response.getHeader("Link")).isNull();

            conn.request("GET", "/next");
            assertThat(readText(conn.getResponse())).isEqualTo("next");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void interimResponsesUpToTheDefaultLimitAreSkipped() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(interim(100) + ok("made it")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(readText(response)).isEqualTo("made it");
        }
    }

    @Test
    void moreInterimResponsesThanTheDefaultLimitAreRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(interim(101) + ok("too late")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            Throwable thrown = catchThrowable(conn::getResponse);
            assertThat(thrown).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void configuredInterimLimitIsApplied() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxInterimResponses(3).build();
        try (ScriptedServer server = ScriptedServer.start(
                replies(interim(3) + ok("three is fine")),
                replies(interim(4) + ok("four is too many")))) {
            try (HTTPConnection conn = limited(server, limits)) {
                conn.request("GET", "/");
                assertThat(readText(conn.getResponse())).isEqualTo("three is fine");
            }
            try (HTTPConnection conn = limited(server, limits)) {
                conn.request("GET", "/");
                assertThat(catchThrowable(conn::getResponse)).isInstanceOf(HTTPException.class);
            }
        }
    }

    @Test
    void endlessInterimResponsesAreRefusedWithoutWaitingForAFinalOne() throws Exception {
        ScriptedServer.Script endless = ex -> {
            ex.readRequest();
            for (int i = 0; i < 1_000; i++) {
                ex.write("HTTP/1.1 102 Processing\r\n\r\n");
            }
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(endless);
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(HTTPException.class);
        }
    }

    private static HTTPConnection limited(ScriptedServer server, HTTPLimits limits) {
        return HTTPConnection.builder("127.0.0.1")
                .port(server.port())
                .timeout(CLIENT_TIMEOUT)
                .limits(limits)
                .build();
    }
}
