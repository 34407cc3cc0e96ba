package io.httplib.spring.boot.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/** The reference: Spring's contract through its factory over the JDK's {@link HttpClient}. */
class JdkRequestFactoryContractTests extends ClientHttpRequestFactoryContract {

    @Override
    protected ClientHttpRequestFactory createFactory() {
        return new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    /** Java 17's HttpClient has no close: its threads end once it is unreachable. */
    @Override
    protected ClientHttpRequestFactory createFactory(Duration readTimeout) {
        JdkClientHttpRequestFactory factory = (JdkClientHttpRequestFactory) createFactory();
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    @Override
    protected void destroyFactory(ClientHttpRequestFactory factory) {
    }

    /** The JDK's client does not expose the reason phrase; Spring reports the standard one. */
    @Override
    protected boolean reportsTheServersReasonPhrase() {
        return false;
    }

}
