package dev.pincer.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyRelayTest {
    @TempDir
    Path dir;

    /** A Unix-socket server that echoes every byte and closes after the client's EOF. */
    private static ServerSocketChannel echoServer(Path socket) throws Exception {
        return UnixTestServer.start(socket, ch -> {
            try (ch) {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (ch.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    buf.clear();
                }
            }
        });
    }

    @Test
    void pumpsBytesBothWaysAndPassesOnTheHalfClose() throws Exception {
        Path socket = dir.resolve("proxy.sock");
        byte[] payload = new byte[300_000];
        new Random(1).nextBytes(payload);
        try (ServerSocketChannel server = echoServer(socket); ProxyRelay relay = ProxyRelay.start(0, socket)) {
            assertThat(server.isOpen()).isTrue();
            for (int i = 0; i < 3; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
                    Thread writer = Thread.ofVirtual().start(() -> {
                        try {
                            client.getOutputStream().write(payload);
                            client.shutdownOutput();
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
                    byte[] back = client.getInputStream().readAllBytes();
                    writer.join();
                    assertThat(back).isEqualTo(payload);
                }
            }
        }
    }

    @Test
    void closesTheClientWhenTheProxySocketIsMissing() throws Exception {
        try (ProxyRelay relay = ProxyRelay.start(0, dir.resolve("absent.sock"));
             Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ProxyRelay first = ProxyRelay.start(0, dir.resolve("a.sock"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxyRelay.start(first.port(), dir.resolve("a.sock")))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }
}
