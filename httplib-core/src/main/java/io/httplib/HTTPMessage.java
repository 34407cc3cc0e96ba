package io.httplib;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The header fields of a response (or its trailers), in the order received, with names as
 * received. Lookups ignore case. Values are latin-1 decoded, so every byte the server sent is
 * preserved one-to-one as a {@code char}. Immutable once the response head is parsed.
 */
public final class HTTPMessage {

    private final String[] names;
    private final String[] values;
    private final int size;

    /**
     * @param names field names, in order
     * @param values field values, same length as names
     * @param size how many entries are used
     */
    HTTPMessage(String[] names, String[] values, int size) {
        // The arrays come from the parser and are not written to afterwards.
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /** An empty message. */
    static final HTTPMessage EMPTY = new HTTPMessage(new String[0], new String[0], 0);

    /**
     * @param name a field name, any case
     * @return the value, repeats joined with {@code ", "} (RFC 9110 section 5.3), or null if absent
     */
    public String get(String name) {
        String first = null;
        StringBuilder joined = null;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (first == null) {
                    first = values[i];
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(first);
                    }
                    joined.append(", ").append(values[i]);
                }
            }
        }
        return joined != null ? joined.toString() : first;
    }

    /**
     * @param name a field name, any case
     * @param defaultValue returned when the field is absent
     * @return the value as {@link #get(String)}, or the default
     */
    public String get(String name, String defaultValue) {
        String v = get(name);
        return v != null ? v : defaultValue;
    }

    /**
     * @param name a field name, any case
     * @return the first value of that field, or null if absent
     */
    public String first(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /**
     * @param name a field name, any case
     * @return every value of that field, in order received; empty if absent
     */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                out.add(values[i]);
            }
        }
        return out;
    }

    /**
     * @param name a field name, any case
     * @return whether the field is present
     */
    public boolean contains(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param a a field name, any case
     * @param b another field name, any case
     * @return these fields without {@code a} and {@code b}; this message when it has neither
     */
    HTTPMessage without(String a, String b) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(a) && !names[i].equalsIgnoreCase(b)) {
                kept++;
            }
        }
        if (kept == size) {
            return this;
        }
        String[] n = new String[kept];
        String[] v = new String[kept];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(a) && !names[i].equalsIgnoreCase(b)) {
                n[j] = names[i];
                v[j++] = values[i];
            }
        }
        return new HTTPMessage(n, v, kept);
    }

    /** @return every field as (name, value), in order received, names as received; unmodifiable */
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the number of fields */
    public int size() {
        return size;
    }

    /**
     * @param i index in received order
     * @return the name of field {@code i}
     */
    public String name(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return names[i];
    }

    /**
     * @param i index in received order
     * @return the value of field {@code i}
     */
    public String value(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < size; i++) {
            b.append(names[i]).append(": ").append(values[i]).append("\r\n");
        }
        return b.toString();
    }
}
