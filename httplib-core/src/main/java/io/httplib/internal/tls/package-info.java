/**
 * Internal TLS support for {@link io.httplib.TlsConfig}: PEM parsing, key format conversion,
 * in-memory key stores and SSL context construction. Not API: these types may change or
 * disappear in any release. Only JDK APIs are used here.
 */
package io.httplib.internal.tls;
