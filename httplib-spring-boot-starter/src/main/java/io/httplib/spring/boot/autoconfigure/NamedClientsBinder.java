package io.httplib.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceEditor;
import org.springframework.core.io.ResourceLoader;

/**
 * Finds and binds the named clients under {@code httplib.clients}.
 *
 * <p>Entries are found the way Spring Boot's binder finds the entries of a map of objects: from
 * the property names of every source, the element after {@code httplib.clients} is the entry and
 * its form as written is the key. So every name form Boot accepts works ({@code userService},
 * {@code user-service}, {@code user_service}, {@code [user.service]}) and each gives the key as
 * written; from an environment variable ({@code HTTPLIB_CLIENTS_USERSERVICE_READTIMEOUT}) the key
 * is the lower-case {@code userservice}. The key is the client's bean name and {@code client.name}.
 *
 * <p>An entry is then bound under its own property name, placeholders resolved, onto a copy of
 * the top-level settings, so that it inherits whatever it leaves unset. An <em>empty</em> value
 * resets the setting to its built-in default instead of inheriting the top-level value: for the
 * settings whose default is "none" ({@code request-timeout}, {@code base-url},
 * {@code pool.max-lifetime}, {@code ssl.*}) that means no value.
 */
final class NamedClientsBinder {

    /** Where named clients live. */
    static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(HttplibProperties.PREFIX + ".clients");

    private final Iterable<ConfigurationPropertySource> sources;

    private final PlaceholdersResolver placeholders;

    private final Binder binder;

    NamedClientsBinder(Environment environment, ResourceLoader resourceLoader) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            throw new IllegalStateException("httplib named clients need a ConfigurableEnvironment");
        }
        this.sources = ConfigurationPropertySources.get(configurable);
        this.placeholders = new PropertySourcesPlaceholdersResolver(configurable);
        ResourceEditor resources = new ResourceEditor(
                (resourceLoader != null) ? resourceLoader : new DefaultResourceLoader(), environment);
        this.binder = new Binder(this.sources, this.placeholders, null,
                (registry) -> registry.registerCustomEditor(Resource.class, resources));
    }

    /** The named clients in the order they are first found: key (bean name) to entry name. */
    Map<String, ConfigurationPropertyName> entries() {
        Map<String, ConfigurationPropertyName> entries = new LinkedHashMap<>();
        int keyIndex = ROOT.getNumberOfElements();
        for (ConfigurationPropertySource source : this.sources) {
            if (!(source.filter(ROOT::isAncestorOf) instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            for (ConfigurationPropertyName name : iterable) {
                ConfigurationPropertyName entry = name.chop(keyIndex + 1);
                entries.putIfAbsent(entry.getElement(keyIndex, Form.ORIGINAL), entry);
            }
        }
        return entries;
    }

    /**
     * The property prefix of a named client as its key is written, for messages:
     * {@code httplib.clients.userService}, or {@code httplib.clients[user.service]} for a key with
     * a dot.
     */
    static String prefix(String key) {
        return (key.indexOf('.') >= 0) ? ROOT + "[" + key + "]" : ROOT + "." + key;
    }

    /**
     * Binds one entry onto {@code inherited} (a copy of the top-level settings, changed in place)
     * and resets every setting the entry gives an empty value to its built-in default.
     */
    HttplibClientProperties bind(ConfigurationPropertyName entry, HttplibClientProperties inherited) {
        EmptyValues empty = new EmptyValues(this.placeholders);
        this.binder.bind(entry, Bindable.ofInstance(inherited), empty);
        BeanWrapper target = new BeanWrapperImpl(inherited);
        BeanWrapper defaults = new BeanWrapperImpl(new HttplibClientProperties());
        for (ConfigurationPropertyName name : empty.names) {
            String path = beanPath(target, name.subName(entry.getNumberOfElements()));
            if (path != null) {
                target.setPropertyValue(path, copyOf(defaults.getPropertyValue(path)));
            }
        }
        return inherited;
    }

    /**
     * The bean property path of a relative property name ({@code pool.max-lifetime} to
     * {@code pool.maxLifetime}), matching each element as Boot does, ignoring case and dashes;
     * {@code null} when there is no such property (an unknown key, reported elsewhere).
     */
    private static String beanPath(BeanWrapper root, ConfigurationPropertyName relative) {
        StringBuilder path = new StringBuilder();
        Class<?> type = root.getWrappedClass();
        for (int i = 0; i < relative.getNumberOfElements(); i++) {
            if (relative.isNumericIndex(i)) {
                return null;
            }
            String element = relative.getElement(i, Form.UNIFORM);
            PropertyDescriptor match = null;
            for (PropertyDescriptor descriptor : new BeanWrapperImpl(type).getPropertyDescriptors()) {
                if (descriptor.getWriteMethod() != null
                        && descriptor.getName().toLowerCase(Locale.ROOT).equals(element)) {
                    match = descriptor;
                }
            }
            if (match == null) {
                return null;
            }
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(match.getName());
            type = match.getPropertyType();
        }
        return path.toString();
    }

    private static Object copyOf(Object value) {
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        return value;
    }

    /** Records the properties whose value, placeholders resolved, is an empty string. */
    private static final class EmptyValues extends AbstractBindHandler {

        private final PlaceholdersResolver placeholders;

        final List<ConfigurationPropertyName> names = new ArrayList<>();

        EmptyValues(PlaceholdersResolver placeholders) {
            super(BindHandler.DEFAULT);
            this.placeholders = placeholders;
        }

        @Override
        public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result)
                throws Exception {
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getName().equals(name)) {
                Object value = this.placeholders.resolvePlaceholders(property.getValue());
                if (value instanceof CharSequence text && text.isEmpty() && !this.names.contains(name)) {
                    this.names.add(name);
                }
            }
            super.onFinish(name, target, context, result);
        }
    }
}
