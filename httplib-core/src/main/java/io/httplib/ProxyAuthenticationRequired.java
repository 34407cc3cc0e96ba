package io.httplib;

import java.util.List;

/**
 * The proxy answered {@code 407 Proxy Authentication Required}: no credentials were configured
 * (see {@link ProxyAuthenticator}), or the proxy refused them. Carries the proxy's challenges
 * ({@code Proxy-Authenticate} values), which say which schemes it accepts.
 */
public class ProxyAuthenticationRequired extends TunnelRefused {
    private static final long serialVersionUID = 1L;

    private final List<String> challenges;

    /**
     * @param proxy the proxy, {@code host:port}
     * @param target what the proxy was asked to reach: {@code host:port} for a tunnel, the URI for
     *     a plain request
     * @param reason the proxy's reason phrase
     * @param challenges the {@code Proxy-Authenticate} values, in order
     */
    public ProxyAuthenticationRequired(String proxy, String target, String reason, List<String> challenges) {
        super(407, reason, "proxy " + proxy + " requires authentication to reach " + target + ": 407 " + reason
                + " (Proxy-Authenticate: " + describe(challenges) + ")");
        this.challenges = List.copyOf(challenges);
    }

    private static String describe(List<String> challenges) {
        String all = challenges.isEmpty() ? "none" : String.join(", ", challenges);
        // A proxy's header may be up to a whole line long: the message quotes its start.
        return all.length() <= 200 ? all : all.substring(0, 200) + "...";
    }

    /** @return the proxy's {@code Proxy-Authenticate} values, possibly empty */
    public List<String> getChallenges() {
        return challenges;
    }
}
