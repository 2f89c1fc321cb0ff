package dev.pincer.host.proxy;

import dev.pincer.host.proxy.EgressEvent.Verdict;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection from the sandbox: one request, one response, then close. It tells the
 * routes apart (the LLM route, CONNECT, absolute-form HTTP), applies the body cap and answers every
 * refusal itself, with one audit record per request.
 *
 * @param settings  the proxy's settings, with the real credential (its {@link Credentials#toString()} masks it)
 * @param tunnels   the sandbox's open general egress connections
 * @param bufferKib the sandbox's room for LLM request bodies held at once, in KiB
 * @param exchange  what this connection's request was and how it ended, for the audit record
 */
record ProxyConnection(ProxySettings settings, HttpClient http, Semaphore tunnels, Semaphore bufferKib, Exchange exchange) {
    private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);

    /** A connection from {@code group}'s sandbox, with an exchange of its own. */
    ProxyConnection(String group, ProxySettings settings, HttpClient http, Semaphore tunnels, Semaphore bufferKib) {
        this(settings, http, tunnels, bufferKib, new Exchange(group, settings.auditor(), settings.credentials()));
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
            log.debug("egress connection of group {} ended early: {}", exchange.group(), exchange.redact(e.toString()));
        }
    }

    private void handle(RequestHead head, InputStream in, OutputStream out) throws IOException {
        exchange.method(head.method());
        BodyStream body = new BodyStream(in, head.contentLength());
        try {
            String target = head.target();
            if (head.method().equals("CONNECT")) {
                authority(target);
                if (head.contentLength() > 0 || !target.matches("(\\[[0-9A-Fa-f:.]+]|[^\\[\\]:/@]+):[0-9]{1,5}")) {
                    throw new ProxyRefusal(400, "CONNECT needs a host:port target and no body");
                }
                egress(() -> {
                    var socket = Tunnel.connect(settings.policy().check(exchange.host(), exchange.port()), exchange.port(),
                            limits().connectTimeout());
                    try (socket) {
                        Responses.connected(out);
                        Tunnel.Counts c = Tunnel.relay(in, out, socket, limits().idleTimeout());
                        exchange.record(Verdict.ALLOWED, 200, c.in(), c.out(), c.outcome());
                    }
                });
            } else if (target.startsWith("/")) {
                exchange.path(LlmRoute.pathOf(target));
                if (!LlmRoute.matches(target)) {
                    throw new ProxyRefusal(403, "only the LLM route " + LlmRoute.PREFIX + "/ is served in origin form;"
                            + " other destinations need CONNECT or an absolute http:// URL");
                }
                exchange.llm(true);
                checkBodySize(head);
                new LlmForward(settings, http, bufferKib, exchange).forward(head, body, out);
            } else if (target.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                absolute(target);
                checkBodySize(head);
                ForwardRoute.Target t = ForwardRoute.Target.parse(target);
                egress(() -> {
                    var socket = Tunnel.connect(settings.policy().check(t.host(), t.port()), t.port(), limits().connectTimeout());
                    try (socket) {
                        ForwardRoute.Relayed r = ForwardRoute.send(head, t, body, socket, out, limits());
                        exchange.record(Verdict.ALLOWED, r.status(), r.bytesIn(), r.bytesOut(), r.outcome());
                    }
                });
            } else {
                throw new ProxyRefusal(400, "unsupported request target");
            }
        } catch (ProxyRefusal r) {
            if (!head.expectsContinue() && !body.truncated() && head.contentLength() <= limits().maxBodyBytes()) {
                body.discardRest();
            }
            refuse(out, r, body.bytesRead());
        }
    }

    private EgressLimits limits() {
        return settings.limits();
    }

    private void checkBodySize(RequestHead head) throws ProxyRefusal {
        if (head.contentLength() > limits().maxBodyBytes()) {
            throw new ProxyRefusal(413, "request body of " + head.contentLength() + " bytes is over the cap of "
                    + limits().maxBodyBytes() + " bytes");
        }
    }

    /** One egress action; never carries credentials (those belong to the LLM route only). */
    @FunctionalInterface
    private interface EgressAction {
        void run() throws ProxyRefusal, IOException;
    }

    private void egress(EgressAction action) throws ProxyRefusal, IOException {
        if (!tunnels.tryAcquire()) {
            throw new ProxyRefusal(429, "too many open egress connections (at most " + limits().maxTunnels() + ")");
        }
        try {
            action.run();
        } finally {
            tunnels.release();
        }
    }

    /** Answers a refusal: JSON in the provider's error shape on the LLM route, plain text elsewhere. */
    private void refuse(OutputStream out, ProxyRefusal r, long bytesIn) throws IOException {
        String reason = exchange.redact(r.reason());
        log.debug("refused {} {} for group {}: {} {}", exchange.method(), exchange.path(), exchange.group(), r.status(), reason);
        exchange.record(r.forwarded() ? Verdict.ALLOWED : Verdict.DENIED, r.status(), bytesIn, 0, reason);
        if (exchange.llm()) {
            Responses.json(out, r.status(), settings.llm().api().errorBody(r.type(), reason));
        } else {
            Responses.text(out, r.status(), reason);
        }
    }

    private void authority(String target) {
        int colon = target.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(target.substring(colon + 1)) : 0;
        } catch (NumberFormatException e) {
            port = 0;
        }
        exchange.destination(colon > 0 ? target.substring(0, colon) : target, port);
    }

    private void absolute(String target) {
        try {
            URI u = new URI(target);
            exchange.destination(u.getHost(), u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
            exchange.path(u.getRawPath());
        } catch (java.net.URISyntaxException e) {
            exchange.destination("", 0);
            exchange.path("");
        }
    }
}
