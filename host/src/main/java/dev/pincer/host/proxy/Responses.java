package dev.pincer.host.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes the proxy's own responses. Every response closes the connection. */
final class Responses {
    private Responses() {}

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(204, "No Content"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(411, "Length Required"),
            Map.entry(413, "Content Too Large"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
            Map.entry(529, "Overloaded"));

    static String reason(int status) {
        return REASONS.getOrDefault(status, "Status " + status);
    }

    /** A plain-text response: {@code reason} plus a newline. */
    static void text(OutputStream out, int status, String reason) throws IOException {
        own(out, status, "text/plain; charset=utf-8", (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON response of the proxy's own (an error on the LLM route, in the provider's shape). */
    static void json(OutputStream out, int status, byte[] body) throws IOException {
        own(out, status, "application/json", body);
    }

    private static void own(OutputStream out, int status, String contentType, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Pincer-Proxy: refused\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The head of a forwarded response; the body follows, delimited by the connection's close. */
    static void head(OutputStream out, int status, String headerLines) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n" + headerLines + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The answer to an allowed CONNECT; the tunnel starts right after it. */
    static void connected(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void continue100(OutputStream out) throws IOException {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
