package io.httplib.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether httplib should back the clients Boot builds from a {@code ClientHttpRequestFactoryBuilder}:
 * not when {@code httplib.rest-client.enabled=false}, and not when
 * {@code spring.http.clients.imperative.factory} chooses one of Boot's factories (Boot's own
 * auto-configuration then makes that builder).
 */
final class OnHttplibRequestFactoryCondition extends SpringBootCondition {

    static final String ENABLED = HttplibProperties.PREFIX + ".rest-client.enabled";

    static final String FACTORY = "spring.http.clients.imperative.factory";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("httplib request factory");
        Binder binder = Binder.get(context.getEnvironment());
        if (!binder.bind(ENABLED, Boolean.class).orElse(Boolean.TRUE)) {
            return ConditionOutcome.noMatch(message.because(ENABLED + " is false"));
        }
        String factory = binder.bind(FACTORY, String.class).orElse("");
        if (!factory.isEmpty()) {
            return ConditionOutcome.noMatch(message.because(FACTORY + "=" + factory + " chooses another factory"));
        }
        return ConditionOutcome.match(message.because(FACTORY + " is not set"));
    }
}
