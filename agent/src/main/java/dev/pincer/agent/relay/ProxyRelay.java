package dev.pincer.agent.relay;

import dev.pincer.agent.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relays TCP connections on the sandbox's private loopback ({@code 127.0.0.1:3128}) to the host's
 * egress proxy, a Unix domain socket bind-mounted into the sandbox. Bytes are pumped both ways
 * unchanged, on virtual threads; half-closes are passed on. This lets stock HTTP clients (ours and
 * the tools') reach the proxy although the sandbox has no network.
 */
public final class ProxyRelay implements AutoCloseable {
    private static final Log LOG = Log.named("relay");

    private final ServerSocket server;
    private final Path socket;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    private ProxyRelay(ServerSocket server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 picks a free port) and starts accepting.
     *
     * @throws IOException when the port cannot be bound
     */
    public static ProxyRelay start(int port, Path socket) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + " for the proxy relay: " + e.getMessage(), e);
        }
        ProxyRelay relay = new ProxyRelay(server, socket);
        Thread.ofVirtual().name("relay-accept").start(relay::acceptLoop);
        LOG.info("relaying 127.0.0.1:%d to %s", relay.port(), socket);
        return relay;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("relay-conn").start(() -> connect(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("accept failed: %s", e.getMessage());
                }
            }
        }
    }

    private void connect(Socket client) {
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
            upstream.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            LOG.warn("cannot connect to the proxy socket %s: %s", socket, e.getMessage());
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(upstream);
        Thread up = Thread.ofVirtual().name("relay-up").start(() -> clientToProxy(client, upstream));
        proxyToClient(upstream, client);
        try {
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(upstream);
        open.remove(client);
        open.remove(upstream);
    }

    private void clientToProxy(Socket client, SocketChannel upstream) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = client.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    upstream.write(bb);
                }
            }
            upstream.shutdownOutput();
        } catch (IOException e) {
            abort(client, upstream);
        }
    }

    private void proxyToClient(SocketChannel upstream, Socket client) {
        ByteBuffer bb = ByteBuffer.allocate(16 * 1024);
        try {
            OutputStream out = client.getOutputStream();
            while (upstream.read(bb) >= 0) {
                out.write(bb.array(), 0, bb.position());
                out.flush();
                bb.clear();
            }
            client.shutdownOutput();
        } catch (IOException e) {
            abort(client, upstream);
        }
    }

    /** One direction broke: close both ends so the other direction ends too. */
    private static void abort(Socket client, SocketChannel upstream) {
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing after a failure: nothing more to report
        }
    }

    /** Stops accepting and cuts all open connections. */
    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(ProxyRelay::closeQuietly);
    }
}
