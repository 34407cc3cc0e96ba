package io.httplib.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * The cost of the stale-connection probe that {@code HTTPConnection} runs before each request on a
 * kept-alive plain socket: {@code configureBlocking(false)}, a one-byte read that finds nothing,
 * {@code configureBlocking(true)} (four fcntl calls and one read under strace). Times it on an
 * idle keep-alive connection to nginx. Arguments: {@code [iterations]}.
 */
public final class StaleProbeCost {

    private StaleProbeCost() {}

    public static void main(String[] args) throws Exception {
        Target t = Target.fromSystemProperties();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        ByteBuffer one = ByteBuffer.allocate(1);
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(t.host(), t.nginxPort()))) {
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ch.configureBlocking(false);
                    try {
                        one.clear();
                        if (ch.read(one) != 0) {
                            throw new IllegalStateException("connection went stale");
                        }
                    } finally {
                        ch.configureBlocking(true);
                    }
                }
                long probe = System.nanoTime() - t0;
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ch.configureBlocking(false);
                    ch.configureBlocking(true);
                }
                long toggles = System.nanoTime() - t0;
                System.out.println(String.format(Locale.ROOT,
                        "round %d: probe %.2f us (blocking-mode toggles alone %.2f us, the read %.2f us)",
                        round, probe / 1e3 / n, toggles / 1e3 / n, (probe - toggles) / 1e3 / n));
            }
        }
    }
}
