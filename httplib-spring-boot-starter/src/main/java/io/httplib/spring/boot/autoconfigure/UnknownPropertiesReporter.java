package io.httplib.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Warns at startup about every {@code httplib.*} key that no setting reads (a typo such as
 * {@code httplib.read-timout} is otherwise ignored silently), naming where it was set and the
 * nearest valid key.
 *
 * <p>Valid keys are read from the properties classes themselves, so a new setting is known as
 * soon as it has a getter. Keys are compared as Spring Boot binds them (ignoring case, dashes and
 * underscores; list indexes allowed), and keys under {@code httplib.clients.<name>} against the
 * settings of one client.
 */
final class UnknownPropertiesReporter implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(UnknownPropertiesReporter.class);

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(HttplibProperties.PREFIX);

    private static final String CLIENTS = "clients";

    /** Uniform form (as Boot compares names) to the documented dashed form, per scope. */
    private static final Map<String, String> TOP_LEVEL = keys(HttplibProperties.class);

    private static final Map<String, String> CLIENT_LEVEL = keys(HttplibClientProperties.class);

    private final Environment environment;

    UnknownPropertiesReporter(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String warning : warnings()) {
            logger.warn(warning);
        }
    }

    /** One message per unknown key, in the order the keys are found. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
            return warnings;
        }
        Map<ConfigurationPropertyName, ConfigurationProperty> seen = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
            if (source.filter(ROOT::isAncestorOf) instanceof IterableConfigurationPropertySource iterable) {
                for (ConfigurationPropertyName name : iterable) {
                    seen.putIfAbsent(name, source.getConfigurationProperty(name));
                }
            }
        }
        for (Map.Entry<ConfigurationPropertyName, ConfigurationProperty> entry : seen.entrySet()) {
            String warning = check(entry.getKey(), entry.getValue());
            if (warning != null) {
                warnings.add(warning);
            }
        }
        return warnings;
    }

    private static String check(ConfigurationPropertyName name, ConfigurationProperty property) {
        int first = ROOT.getNumberOfElements();
        Map<String, String> known = TOP_LEVEL;
        String prefix = HttplibProperties.PREFIX + ".";
        if (name.getNumberOfElements() > first + 1 && name.getElement(first, Form.UNIFORM).equals(CLIENTS)) {
            String key = name.getElement(first + 1, Form.ORIGINAL);
            known = CLIENT_LEVEL;
            prefix = NamedClientsBinder.prefix(key) + ".";
            first += 2;
            if (name.getNumberOfElements() == first) {
                return null;
            }
        }
        StringBuilder uniform = new StringBuilder();
        StringBuilder dashed = new StringBuilder();
        for (int i = first; i < name.getNumberOfElements() && !name.isNumericIndex(i); i++) {
            if (!uniform.isEmpty()) {
                uniform.append('.');
                dashed.append('.');
            }
            uniform.append(name.getElement(i, Form.UNIFORM));
            dashed.append(name.getElement(i, Form.DASHED));
        }
        if (known.containsKey(uniform.toString())) {
            return null;
        }
        String nearest = nearest(dashed.toString(), known.values());
        String origin = (property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
        return "Unknown property '" + original(name) + "'" + origin + " is ignored; the nearest valid one is '" + prefix
                + nearest + "'";
    }

    private static String original(ConfigurationPropertyName name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.ORIGINAL);
            if (name.isNumericIndex(i) || element.indexOf('.') >= 0) {
                text.append('[').append(element).append(']');
            }
            else {
                text.append((i > 0) ? "." : "").append(element);
            }
        }
        return text.toString();
    }

    /** The known key at the smallest edit distance; the first such in documented order. */
    private static String nearest(String wanted, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(wanted, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The keys a properties class reads, nested classes flattened; maps of settings are not descended. */
    static Map<String, String> keys(Class<?> type) {
        Map<String, String> keys = new TreeMap<>();
        collect(type, "", keys, Set.of());
        return keys;
    }

    private static void collect(Class<?> type, String prefix, Map<String, String> keys, Set<Class<?>> path) {
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            String dashed = prefix + DataObjectPropertyName.toDashedForm(descriptor.getName());
            Class<?> propertyType = descriptor.getPropertyType();
            if (isSettingsClass(propertyType) && !path.contains(propertyType)) {
                Set<Class<?>> deeper = new HashSet<>(path);
                deeper.add(type);
                collect(propertyType, dashed + ".", keys, deeper);
            }
            else {
                keys.put(dashed.replace("-", ""), dashed);
            }
        }
    }

    private static boolean isSettingsClass(Class<?> type) {
        return type.getName().startsWith(HttplibProperties.class.getPackageName() + ".") && !type.isEnum();
    }
}
