package dev.pincer.host.proxy;

import dev.pincer.host.proxy.EgressEvent.Verdict;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one connection from the sandbox: one request, one response, then close. */
final class ProxyConnection {
    private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);

    static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(10);
    private static final Set<String> LLM_METHODS = Set.of("GET", "POST", "DELETE");

    private final String group;
    private final Credentials credentials;
    private final HttpClient http;
    private final EgressAuditor auditor;
    private final EgressPolicy policy;
    private final EgressLimits limits;
    private final java.util.concurrent.Semaphore tunnels;

    /** Mutable audit facts, filled in as the request is understood. */
    private String method = "?";
    private String host = "";
    private int port;
    private String path = "";

    ProxyConnection(String group, ProxySettings settings, HttpClient http, java.util.concurrent.Semaphore tunnels) {
        this.group = group;
        this.credentials = settings.credentials();
        this.http = http;
        this.auditor = settings.auditor();
        this.policy = settings.policy();
        this.limits = settings.limits();
        this.tunnels = tunnels;
    }

    void serve(SocketChannel channel) {
        InputStream in = new BufferedInputStream(ChannelStreams.in(channel), 16 * 1024);
        OutputStream out = ChannelStreams.out(channel);
        try {
            RequestHead head;
            try {
                head = RequestHead.read(in);
            } catch (ProxyRefusal r) {
                refuse(out, r, 0);
                return;
            }
            if (head == null) {
                return;
            }
            handle(head, in, out);
        } catch (IOException e) {
            log.debug("egress connection of group {} ended early: {}", group, credentials.redact(e.toString()));
        }
    }

    private void handle(RequestHead head, InputStream in, OutputStream out) throws IOException {
        method = head.method();
        BodyStream body = new BodyStream(in, head.contentLength());
        try {
            String target = head.target();
            if (method.equals("CONNECT")) {
                authority(target);
                if (head.contentLength() > 0 || !target.matches("(\\[[0-9A-Fa-f:.]+]|[^\\[\\]:/@]+):[0-9]{1,5}")) {
                    throw new ProxyRefusal(400, "CONNECT needs a host:port target and no body");
                }
                egress(() -> {
                    var socket = Tunnel.connect(policy.check(host, port), port, limits.connectTimeout());
                    try (socket) {
                        Responses.connected(out);
                        Tunnel.Counts c = Tunnel.relay(in, out, socket, limits.idleTimeout());
                        audit(Verdict.ALLOWED, 200, c.in(), c.out(), c.outcome());
                    }
                });
            } else if (target.startsWith("/")) {
                path = LlmRoute.pathOf(target);
                if (!LlmRoute.matches(target)) {
                    throw new ProxyRefusal(403, "only the LLM route " + LlmRoute.PREFIX + "/ is served in origin form;"
                            + " other destinations need CONNECT or an absolute http:// URL");
                }
                forward(head, body, out);
            } else if (target.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                absolute(target);
                ForwardRoute.Target t = ForwardRoute.Target.parse(target);
                egress(() -> {
                    var socket = Tunnel.connect(policy.check(t.host(), t.port()), t.port(), limits.connectTimeout());
                    try (socket) {
                        ForwardRoute.Relayed r = ForwardRoute.send(head, t, body, socket, out, limits);
                        audit(Verdict.ALLOWED, r.status(), r.bytesIn(), r.bytesOut(), r.outcome());
                    }
                });
            } else {
                throw new ProxyRefusal(400, "unsupported request target");
            }
        } catch (ProxyRefusal r) {
            if (!head.expectsContinue() && !body.truncated()) {
                body.discardRest();
            }
            refuse(out, r, body.bytesRead());
        }
    }

    /** One egress action; never carries credentials (those belong to the LLM route only). */
    @FunctionalInterface
    private interface EgressAction {
        void run() throws ProxyRefusal, IOException;
    }

    private void egress(EgressAction action) throws ProxyRefusal, IOException {
        if (!tunnels.tryAcquire()) {
            throw new ProxyRefusal(429, "too many open egress connections (at most " + limits.maxTunnels() + ")");
        }
        try {
            action.run();
        } finally {
            tunnels.release();
        }
    }

    private void forward(RequestHead head, BodyStream body, OutputStream out) throws ProxyRefusal, IOException {
        if (!LLM_METHODS.contains(method)) {
            throw new ProxyRefusal(405, "method " + method + " is not allowed on the LLM route");
        }
        URI upstream = credentials.upstream();
        URI uri = LlmRoute.resolve(upstream, head.target());
        host = upstream.getHost();
        port = upstream.getPort() > 0 ? upstream.getPort() : upstream.getScheme().equals("https") ? 443 : 80;
        HttpRequest request = upstreamRequest(head, uri, body);
        if (head.expectsContinue() && head.contentLength() > 0) {
            Responses.continue100(out);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw upstreamFailure(e, body, 504, "the LLM upstream did not answer in time");
        } catch (IOException e) {
            throw upstreamFailure(e, body, 502, "the LLM upstream is unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyRefusal(503, "the proxy is shutting down");
        }
        relay(response, body, out);
    }

    private HttpRequest upstreamRequest(RequestHead head, URI uri, BodyStream body) throws ProxyRefusal {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(UPSTREAM_TIMEOUT);
        try {
            for (Map.Entry<String, String> h : head.headers()) {
                if (ForwardHeaders.forwardRequestHeader(h.getKey())) {
                    b.header(h.getKey(), h.getValue());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ProxyRefusal(400, "a request header was rejected: " + e.getMessage());
        }
        b.header(credentials.headerName(), credentials.headerValue());
        long length = head.contentLength();
        HttpRequest.BodyPublisher publisher = length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length);
        return b.method(method, publisher).build();
    }

    private ProxyRefusal upstreamFailure(IOException e, BodyStream body, int status, String reason) throws IOException {
        if (body.truncated()) {
            audit(Verdict.ALLOWED, 0, body.bytesRead(), 0, "the client closed before sending its whole body");
            throw new IOException("client went away", e);
        }
        log.warn("LLM upstream request of group {} failed: {}", group, credentials.redact(e.toString()));
        return new ProxyRefusal(status, reason, true);
    }

    /** Streams the upstream response back as it arrives: one write per read, nothing buffered. */
    private void relay(HttpResponse<InputStream> response, BodyStream body, OutputStream out) throws IOException {
        long sent = 0;
        String outcome = "ok";
        try (InputStream upstream = response.body()) {
            Responses.head(out, response.statusCode(), ForwardHeaders.responseLines(response.headers().map()));
            byte[] buf = new byte[16 * 1024];
            while (true) {
                int n;
                try {
                    n = upstream.read(buf);
                } catch (IOException e) {
                    outcome = "the upstream response broke off: " + e.getClass().getSimpleName();
                    log.warn("LLM response for group {} broke off after {} bytes: {}", group, sent,
                            credentials.redact(e.toString()));
                    break;
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                out.flush();
                sent += n;
            }
        } catch (IOException e) {
            outcome = "the client closed the connection during the response";
            throw e;
        } finally {
            audit(Verdict.ALLOWED, response.statusCode(), body.bytesRead(), sent, outcome);
        }
    }

    private void refuse(OutputStream out, ProxyRefusal r, long bytesIn) throws IOException {
        String reason = credentials.redact(r.reason());
        log.debug("refused {} {} for group {}: {} {}", method, path, group, r.status(), reason);
        audit(r.forwarded() ? Verdict.ALLOWED : Verdict.DENIED, r.status(), bytesIn, 0, reason);
        Responses.text(out, r.status(), reason);
    }

    private void audit(Verdict verdict, int status, long bytesIn, long bytesOut, String reason) {
        try {
            auditor.record(new EgressEvent(group, new EgressEvent.Request(method, host, port, path),
                    new EgressEvent.Traffic(bytesIn, bytesOut), verdict, status, reason));
        } catch (RuntimeException e) {
            log.error("could not record an egress audit event for group {}", group, e);
        }
    }

    private void authority(String target) {
        int colon = target.lastIndexOf(':');
        host = colon > 0 ? target.substring(0, colon) : target;
        try {
            port = colon > 0 ? Integer.parseInt(target.substring(colon + 1)) : 0;
        } catch (NumberFormatException e) {
            port = 0;
        }
    }

    private void absolute(String target) {
        try {
            URI u = new URI(target);
            host = u.getHost() == null ? "" : u.getHost();
            port = u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
            path = u.getRawPath() == null ? "" : u.getRawPath();
        } catch (java.net.URISyntaxException e) {
            host = "";
            path = "";
        }
    }
}
