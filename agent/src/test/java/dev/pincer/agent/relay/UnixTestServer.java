package dev.pincer.agent.relay;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A stand-in for the host's proxy in tests: a Unix-socket server that hands each connection to a handler. */
public final class UnixTestServer {
    private UnixTestServer() {}

    /** What the server does with one connection, on its own virtual thread. */
    public interface Handler {
        void handle(SocketChannel connection) throws Exception;
    }

    /** Listens on {@code socket} until the returned channel is closed. */
    public static ServerSocketChannel start(Path socket, Handler handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                SocketChannel connection;
                try {
                    connection = server.accept();
                } catch (IOException e) {
                    return; // closed
                }
                Thread.ofVirtual().start(() -> {
                    try {
                        handler.handle(connection);
                    } catch (Exception e) {
                        // a test server: the client went away
                    }
                });
            }
        });
        return server;
    }
}
