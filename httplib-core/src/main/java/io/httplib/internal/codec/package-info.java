/**
 * Content codings (RFC 9110 section 8.4.1) that {@code HttplibClient} decodes: gzip (RFC 1952) and
 * deflate (RFC 1950 zlib, and the raw RFC 1951 streams some servers send instead), streamed through
 * {@link java.util.zip.Inflater} with bounded buffers and the bounds of {@code io.httplib.Decompression}.
 * Not API.
 */
package io.httplib.internal.codec;
