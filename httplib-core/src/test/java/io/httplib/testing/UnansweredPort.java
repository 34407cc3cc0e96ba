package io.httplib.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where a TCP connect neither succeeds nor fails: a listener with a backlog of
 * one that never accepts, its queue filled, so the kernel drops every further SYN and the
 * connecting side waits (as for a host that does not answer). For tests of connect timeouts and
 * deadlines without a network.
 */
public final class UnansweredPort implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    public UnansweredPort() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        for (int i = 0; i < 10; i++) {
            Socket s = new Socket();
            try {
                s.connect(address, 200);
                fillers.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return;
            }
        }
        close();
        throw new IOException("the accept queue of port " + server.getLocalPort() + " did not fill up");
    }

    /** @return the port */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        server.close();
    }
}
