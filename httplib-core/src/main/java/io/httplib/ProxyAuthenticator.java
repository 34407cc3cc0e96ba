package io.httplib;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Supplies the {@code Proxy-Authorization} value sent to a proxy: on every plain {@code http}
 * request that goes through it, and on the {@code CONNECT} that opens each tunnel. The value goes
 * to the proxy only — never to an origin (a tunnelled request never carries it) — and is redacted
 * in debug output. {@link #basic} covers Basic credentials; implement it for other schemes (a
 * token from a vault, Negotiate).
 */
@FunctionalInterface
public interface ProxyAuthenticator {

    /**
     * @param proxy the proxy the request goes through
     * @param target the origin the request is for
     * @return the {@code Proxy-Authorization} value, or null to send none
     */
    String authorization(HttpProxy proxy, Route target);

    /**
     * Basic credentials (RFC 7617), encoded as UTF-8, sent preemptively.
     *
     * @param username the user name, without a colon
     * @param password the password
     * @return an authenticator that always answers {@code Basic base64(username:password)}
     */
    static ProxyAuthenticator basic(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name may not contain ':' (RFC 7617 section 2)");
        }
        String value = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ProxyAuthenticator() {
            @Override
            public String authorization(HttpProxy proxy, Route target) {
                return value;
            }

            @Override
            public String toString() {
                return "ProxyAuthenticator.basic(" + username + ", <redacted>)";
            }
        };
    }
}
