package io.httplib.internal.http1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parsed header fields as two parallel arrays, in received order: the cheapest shape to fill
 * from the wire and to scan for the handful of fields the framing rules need.
 */
public final class HeaderFields {

    private String[] names;
    private String[] values;
    private int size;

    /** @param capacity initial number of fields */
    public HeaderFields(int capacity) {
        names = new String[capacity];
        values = new String[capacity];
    }

    /** Appends one field. */
    public void add(String name, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2 + 1);
            values = Arrays.copyOf(values, size * 2 + 1);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    /** @return the value of the last field (to unfold obs-fold continuation lines into it) */
    public String lastValue() {
        return values[size - 1];
    }

    /** Replaces the value of the last field (its obs-fold continuations unfolded to single spaces). */
    public void setLastValue(String value) {
        values[size - 1] = value;
    }

    /** @return number of fields */
    public int size() {
        return size;
    }

    /** @return the names array; entries past {@link #size()} are unused */
    public String[] names() {
        return names;
    }

    /** @return the values array; entries past {@link #size()} are unused */
    public String[] values() {
        return values;
    }

    /**
     * @param name field name, any case
     * @return the first value of that field, or null
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
     * @param name field name, any case
     * @return every value of that field, in received order
     */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                out.add(values[i]);
            }
        }
        return out;
    }

    /**
     * @param name field name, any case
     * @param token a list element, any case
     * @return whether any value of the field, read as a comma-separated list, holds the token
     */
    public boolean hasToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name) && Syntax.listContains(values[i], token)) {
                return true;
            }
        }
        return false;
    }
}
