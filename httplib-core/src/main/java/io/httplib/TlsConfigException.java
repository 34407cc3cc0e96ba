package io.httplib;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown by {@link TlsConfig.Builder#build()} when a TLS configuration cannot be built: a key,
 * certificate or CA file is missing, unreadable, malformed or of an unsupported format, a private
 * key does not match its certificate, a key password is wrong, or a protocol or cipher suite is
 * not allowed.
 *
 * <p>When the problem is in a file, the message starts with the file's path followed by the
 * reason, for example {@code /etc/app/client.key: cannot decrypt the private key (wrong
 * keyPassword?)}, and {@link #file()} returns that path. The message never contains a password
 * or key material.
 */
public class TlsConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Not serialized: {@link Path} is not serializable. */
    private final transient Path file;

    /**
     * Creates an exception about a problem that is not tied to one file.
     *
     * @param message the reason
     */
    public TlsConfigException(String message) {
        this(null, message, null);
    }

    /**
     * Creates an exception about a problem that is not tied to one file.
     *
     * @param message the reason
     * @param cause the underlying exception, or {@code null}
     */
    public TlsConfigException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * Creates an exception about a problem in {@code file}; the message is {@code file + ": " +
     * reason}.
     *
     * @param file the file that caused the problem, or {@code null}
     * @param reason what is wrong with it
     */
    public TlsConfigException(Path file, String reason) {
        this(file, reason, null);
    }

    /**
     * Creates an exception about a problem in {@code file}; the message is {@code file + ": " +
     * reason}.
     *
     * @param file the file that caused the problem, or {@code null}
     * @param reason what is wrong with it
     * @param cause the underlying exception, or {@code null}
     */
    public TlsConfigException(Path file, String reason, Throwable cause) {
        super(file == null ? reason : file + ": " + reason, cause);
        this.file = file;
    }

    /**
     * The file the problem was found in.
     *
     * @return the file's path, or empty when the problem is not tied to one file (or after
     *     deserialization)
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
