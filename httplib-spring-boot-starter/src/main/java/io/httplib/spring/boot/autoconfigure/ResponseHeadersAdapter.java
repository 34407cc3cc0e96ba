package io.httplib.spring.boot.autoconfigure;

import io.httplib.HTTPMessage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * A response's header fields seen as Spring's {@link MultiValueMap}, without copying them: the
 * lookups Spring makes on every response ({@code Content-Type}, {@code Content-Length}) read
 * httplib's parsed fields in place, as Spring's own Jetty and HttpComponents adapters do. The
 * first call that needs the whole map (iteration, size, a change) copies the fields once into a
 * case-insensitive map, which then answers everything.
 */
final class ResponseHeadersAdapter implements MultiValueMap<String, String> {

    private final HTTPMessage message;

    private MultiValueMap<String, String> copy;

    ResponseHeadersAdapter(HTTPMessage message) {
        this.message = message;
    }

    private MultiValueMap<String, String> copy() {
        MultiValueMap<String, String> c = this.copy;
        if (c == null) {
            c = CollectionUtils.toMultiValueMap(new LinkedCaseInsensitiveMap<>(this.message.size() * 2));
            for (int i = 0; i < this.message.size(); i++) {
                c.add(this.message.name(i), this.message.value(i));
            }
            this.copy = c;
        }
        return c;
    }

    @Override
    public String getFirst(String key) {
        return (this.copy != null) ? this.copy.getFirst(key) : this.message.first(key);
    }

    @Override
    public List<String> get(Object key) {
        if (this.copy != null) {
            return this.copy.get(key);
        }
        if (!(key instanceof String name)) {
            return null;
        }
        List<String> values = this.message.getAll(name);
        return values.isEmpty() ? null : values;
    }

    @Override
    public boolean containsKey(Object key) {
        if (this.copy != null) {
            return this.copy.containsKey(key);
        }
        return key instanceof String name && this.message.contains(name);
    }

    @Override
    public boolean isEmpty() {
        return (this.copy != null) ? this.copy.isEmpty() : this.message.size() == 0;
    }

    @Override
    public int size() {
        return copy().size();
    }

    @Override
    public boolean containsValue(Object value) {
        return copy().containsValue(value);
    }

    @Override
    public Set<String> keySet() {
        return copy().keySet();
    }

    @Override
    public Collection<List<String>> values() {
        return copy().values();
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return copy().entrySet();
    }

    @Override
    public void add(String key, String value) {
        copy().add(key, value);
    }

    @Override
    public void addAll(String key, List<? extends String> values) {
        copy().addAll(key, values);
    }

    @Override
    public void addAll(MultiValueMap<String, String> values) {
        copy().addAll(values);
    }

    @Override
    public void set(String key, String value) {
        copy().set(key, value);
    }

    @Override
    public void setAll(Map<String, String> values) {
        copy().setAll(values);
    }

    @Override
    public Map<String, String> toSingleValueMap() {
        return copy().toSingleValueMap();
    }

    @Override
    public List<String> put(String key, List<String> value) {
        return copy().put(key, value);
    }

    @Override
    public List<String> remove(Object key) {
        return copy().remove(key);
    }

    @Override
    public void putAll(Map<? extends String, ? extends List<String>> m) {
        copy().putAll(m);
    }

    @Override
    public void clear() {
        copy().clear();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || copy().equals(o);
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }

    @Override
    public String toString() {
        return copy().toString();
    }
}
