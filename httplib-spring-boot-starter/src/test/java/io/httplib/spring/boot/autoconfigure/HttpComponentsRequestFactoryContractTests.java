package io.httplib.spring.boot.autoconfigure;

import java.time.Duration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/** The reference: Spring's contract through its factory over Apache HttpComponents 5. */
class HttpComponentsRequestFactoryContractTests extends ClientHttpRequestFactoryContract {

    @Override
    protected ClientHttpRequestFactory createFactory() {
        return new HttpComponentsClientHttpRequestFactory();
    }

    @Override
    protected ClientHttpRequestFactory createFactory(Duration readTimeout) {
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory();
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    @Override
    protected void destroyFactory(ClientHttpRequestFactory factory) throws Exception {
        ((HttpComponentsClientHttpRequestFactory) factory).destroy();
    }

    @Override
    protected boolean reportsTheServersReasonPhrase() {
        return true;
    }

}
