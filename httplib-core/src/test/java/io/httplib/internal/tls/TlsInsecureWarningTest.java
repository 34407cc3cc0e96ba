package io.httplib.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TlsInsecureWarningTest {

    /** Records what is logged. */
    static final class RecordingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();

        @Override
        public String getName() {
            return WarnOnce.LOGGER_NAME;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(level + " " + msg);
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + format);
        }

        synchronized List<String> records() {
            return List.copyOf(records);
        }
    }

    @Test
    void warnsOnceAtWarningLevelEvenFromManyThreads() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        WarnOnce warning = new WarnOnce(logger, "loud message");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 64; i++) {
                pool.submit(() -> {
                    start.await();
                    return warning.warn();
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(logger.records()).containsExactly("WARNING loud message");
        assertThat(warning.warn()).isFalse();
    }

    @Test
    void insecureWarnsOnTheTlsLoggerAndOnlyOnce() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.httplib.tls");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(handler);
        try {
            io.httplib.TlsConfig.insecure();
            io.httplib.TlsConfig.insecure();
        } finally {
            jul.removeHandler(handler);
        }

        // Another test may have called insecure() first; then the one warning is already logged.
        assertThat(records).hasSizeLessThanOrEqualTo(1).allSatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getMessage()).startsWith("INSECURE TLS:").contains("NOT verified");
        });
        assertThat(WarnOnce.INSECURE.warn()).isFalse();
    }
}
