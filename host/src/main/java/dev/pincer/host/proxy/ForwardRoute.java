package dev.pincer.host.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Absolute-form plain HTTP ({@code GET http://host/path HTTP/1.1}) sent on to a checked address as
 * an origin-form request. The proxy writes the request itself over a raw socket, so nothing is
 * resolved twice; it adds no header of its own except {@code Host}, {@code Content-Length} and
 * {@code Connection: close}, and relays the response bytes unchanged until the destination closes.
 */
final class ForwardRoute {
    private ForwardRoute() {}

    /** Request headers the proxy never passes on: hop-by-hop, proxy credentials and framing it sets itself. */
    private static final Set<String> DROPPED = Set.of("host", "connection", "proxy-connection", "keep-alive",
            "proxy-authorization", "proxy-authenticate", "te", "trailer", "upgrade", "transfer-encoding",
            "content-length", "expect");

    /** The parsed target of an absolute-form request. */
    record Target(String host, int port, String authority, String pathAndQuery, String path) {

        static Target parse(String target) throws ProxyRefusal {
            URI u;
            try {
                u = new URI(target);
            } catch (URISyntaxException e) {
                throw new ProxyRefusal(400, "malformed request target");
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (scheme.equals("https")) {
                throw new ProxyRefusal(400, "send https through CONNECT, not as an absolute-form request");
            }
            if (!scheme.equals("http")) {
                throw new ProxyRefusal(400, "only http:// targets are forwarded");
            }
            if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null) {
                throw new ProxyRefusal(400, "the target must be http://host[:port]/path without user info or fragment");
            }
            int port = u.getPort() > 0 ? u.getPort() : 80;
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            return new Target(u.getHost(), port, u.getRawAuthority(), path + query, path);
        }
    }

    /** Status of the relayed response (0 when none arrived), bytes each way and how it ended. */
    record Relayed(int status, long bytesIn, long bytesOut, String outcome) {}

    /**
     * Sends the request to {@code upstream} and relays the answer.
     *
     * @throws ProxyRefusal (audited as allowed) when the destination fails before any response byte
     */
    static Relayed send(RequestHead head, Target target, BodyStream body, Socket upstream, OutputStream toSandbox,
                        EgressLimits limits) throws ProxyRefusal, IOException {
        upstream.setSoTimeout((int) limits.idleTimeout().toMillis());
        StringBuilder sb = new StringBuilder();
        sb.append(head.method()).append(' ').append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(target.authority()).append("\r\n");
        for (Map.Entry<String, String> h : head.headers()) {
            if (!DROPPED.contains(h.getKey())) {
                sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        if (head.contentLength() > 0) {
            sb.append("Content-Length: ").append(head.contentLength()).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        OutputStream toUpstream = upstream.getOutputStream();
        try {
            toUpstream.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (head.expectsContinue() && head.contentLength() > 0) {
                Responses.continue100(toSandbox);
            }
            body.transferTo(toUpstream);
            toUpstream.flush();
        } catch (IOException e) {
            if (body.truncated()) {
                throw e;
            }
            throw new ProxyRefusal(502, "the destination closed the connection while receiving the request", true);
        }
        return relay(upstream.getInputStream(), toSandbox, body.bytesRead());
    }

    private static Relayed relay(InputStream fromUpstream, OutputStream toSandbox, long bytesIn)
            throws ProxyRefusal, IOException {
        byte[] buf = new byte[16 * 1024];
        ByteArrayOutputStream firstLine = new ByteArrayOutputStream();
        long sent = 0;
        String outcome = "ok";
        while (true) {
            int n;
            try {
                n = fromUpstream.read(buf);
            } catch (IOException e) {
                if (sent == 0) {
                    throw e instanceof java.net.SocketTimeoutException
                            ? new ProxyRefusal(504, "the destination did not answer in time", true)
                            : new ProxyRefusal(502, "the destination broke the connection", true);
                }
                outcome = "the response broke off: " + e.getClass().getSimpleName();
                break;
            }
            if (n < 0) {
                if (sent == 0) {
                    throw new ProxyRefusal(502, "the destination closed without answering", true);
                }
                break;
            }
            if (firstLine.size() < 16) {
                firstLine.write(buf, 0, Math.min(n, 16 - firstLine.size()));
            }
            toSandbox.write(buf, 0, n);
            toSandbox.flush();
            sent += n;
        }
        return new Relayed(statusOf(firstLine.toString(StandardCharsets.ISO_8859_1)), bytesIn, sent, outcome);
    }

    private static int statusOf(String start) {
        if (start.matches("(?s)HTTP/1\\.[01] \\d{3}.*")) {
            return Integer.parseInt(start.substring(9, 12));
        }
        return 0;
    }
}
