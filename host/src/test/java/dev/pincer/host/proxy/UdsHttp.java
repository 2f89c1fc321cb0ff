package dev.pincer.host.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Raw HTTP over the proxy's Unix socket, as the agent's relay would speak it. */
final class UdsHttp {
    private UdsHttp() {}

    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    static void send(SocketChannel ch, String request) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Sends {@code request} and reads the whole response (the proxy always closes). */
    static String exchange(Path socket, String request) throws IOException {
        try (SocketChannel ch = connect(socket)) {
            send(ch, request);
            return readAll(ch);
        }
    }

    static String readAll(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (ch.read(buf) >= 0) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads until {@code marker} has arrived; returns everything read so far. */
    static String readUntil(SocketChannel ch, String marker) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (!out.toString(StandardCharsets.UTF_8).contains(marker)) {
            if (ch.read(buf) < 0) {
                break;
            }
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    static String body(String response) {
        int i = response.indexOf("\r\n\r\n");
        return i < 0 ? "" : response.substring(i + 4);
    }

    static String post(String target, String body, String... headers) {
        StringBuilder sb = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:3128\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sb.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
        return sb.toString();
    }
}
