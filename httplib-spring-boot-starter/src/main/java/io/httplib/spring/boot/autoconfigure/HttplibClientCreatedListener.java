package io.httplib.spring.boot.autoconfigure;

import io.httplib.HttplibClient;

/**
 * Told of each {@link HttplibClient} the starter makes on demand rather than as a bean: the
 * clients derived for Spring Boot's {@code HttpClientSettings} (other timeouts or SSL bundle, see
 * {@link HttplibClientHttpRequestFactoryBuilder}). Every bean of this type is called, in order, on
 * the thread that made the client; it must be quick and must not throw. The pool gauges of
 * {@code HttplibPoolMetrics} are registered this way.
 */
@FunctionalInterface
public interface HttplibClientCreatedListener {

    /** Called once the client exists, before its first call. */
    void clientCreated(HttplibClient client);

}
