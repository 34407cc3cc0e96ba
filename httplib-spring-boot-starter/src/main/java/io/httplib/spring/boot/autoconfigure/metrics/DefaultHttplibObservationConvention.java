package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.event.CallContext;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.net.URI;

/**
 * The default naming of httplib observations: the timer {@value #NAME} with low-cardinality
 * keys {@code method}, {@code uri}, {@code status}, {@code outcome}, {@code exception} and
 * {@code client.name}, and the full URL only as the high-cardinality key {@code http.url}.
 *
 * <p>{@code uri} is the URI template the caller gave (for example {@code /users/{id}}) or
 * {@code none}: the raw path is never a tag, because every distinct path would make a new time
 * series.
 */
public class DefaultHttplibObservationConvention implements HttplibObservationConvention {

    /** The observation and timer name. */
    public static final String NAME = "httplib.client.requests";

    /** The value of {@code status} when no response arrived (connection refused, timeout...). */
    public static final String NO_STATUS = "IO_ERROR";

    private static final String NONE = "none";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(HttplibObservationContext context) {
        return "http " + context.getCall().method().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(HttplibObservationContext context) {
        return KeyValues.of(method(context), uri(context), status(context), outcome(context), exception(context),
                clientName(context));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(HttplibObservationContext context) {
        return KeyValues.of(url(context));
    }

    protected KeyValue method(HttplibObservationContext context) {
        return KeyValue.of("method", context.getCall().method());
    }

    protected KeyValue uri(HttplibObservationContext context) {
        String template = context.getCall().uriTemplate();
        return KeyValue.of("uri", (template != null && !template.isEmpty()) ? pathOf(template) : NONE);
    }

    /**
     * A template may carry the scheme and host (RestClient records "http://host/users/{id}" when
     * it has a base URL): the tag keeps the path only, as Spring's own client convention does.
     */
    private static String pathOf(String template) {
        int schemeEnd = template.indexOf("://");
        if (schemeEnd < 0 || schemeEnd > 5) {
            return template;
        }
        int pathStart = template.indexOf('/', schemeEnd + 3);
        return (pathStart < 0) ? "/" : template.substring(pathStart);
    }

    protected KeyValue status(HttplibObservationContext context) {
        Integer status = context.getStatus();
        return KeyValue.of("status", (status != null) ? Integer.toString(status) : NO_STATUS);
    }

    protected KeyValue outcome(HttplibObservationContext context) {
        Integer status = context.getStatus();
        return KeyValue.of("outcome", (status != null) ? Outcome.forStatus(status).name() : Outcome.UNKNOWN.name());
    }

    protected KeyValue exception(HttplibObservationContext context) {
        Throwable error = context.getError();
        if (error == null) {
            return KeyValue.of("exception", NONE);
        }
        String name = error.getClass().getSimpleName();
        return KeyValue.of("exception", name.isEmpty() ? error.getClass().getName() : name);
    }

    protected KeyValue clientName(HttplibObservationContext context) {
        String name = context.getCall().clientName();
        return KeyValue.of("client.name", (name != null) ? name : NONE);
    }

    protected KeyValue url(HttplibObservationContext context) {
        CallContext call = context.getCall();
        URI uri = call.uri();
        return KeyValue.of("http.url", (uri != null) ? stripUserInfo(uri) : NONE);
    }

    /** Credentials in the URL must not end up in traces. */
    private static String stripUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        String text = uri.toString();
        return text.replace(uri.getRawUserInfo() + "@", "");
    }
}
