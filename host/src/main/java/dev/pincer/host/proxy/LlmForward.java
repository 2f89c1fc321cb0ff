package dev.pincer.host.proxy;

import dev.pincer.host.proxy.EgressEvent.Verdict;
import dev.pincer.protocol.LlmErrors;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM route of one request (docs/DESIGN.md section 6): only an allowed inference endpoint, a body
 * within the cap that names an allowed model, and only while the budgets last; then forwarded with the
 * real credential, the response streamed back as it arrives while its usage is counted.
 *
 * @param settings  the proxy's settings, with the real credential (its {@link Credentials#toString()} masks it)
 * @param bufferKib the sandbox's room for request bodies held at once, in KiB
 */
record LlmForward(ProxySettings settings, HttpClient http, Semaphore bufferKib, Exchange exchange) {
    private static final Logger log = LoggerFactory.getLogger(LlmForward.class);

    static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(10);
    /** How long a request waits for room to hold its body before it is answered with 503. */
    static final Duration BUFFER_WAIT = Duration.ofSeconds(30);

    void forward(RequestHead head, BodyStream body, OutputStream out) throws ProxyRefusal, IOException {
        URI upstream = settings.credentials().upstream();
        exchange.destination(upstream.getHost(),
                upstream.getPort() > 0 ? upstream.getPort() : upstream.getScheme().equals("https") ? 443 : 80);
        URI uri = LlmRoute.resolve(upstream, head.target());
        LlmEndpoint endpoint = settings.llm().endpoint(head.method(), LlmRoute.relativePath(head.target()));
        int kib = (int) ((head.contentLength() + 1023) / 1024);
        acquire(kib);
        try {
            if (head.expectsContinue() && head.contentLength() > 0) {
                Responses.continue100(out);
            }
            LlmCall call = LlmCall.parse(endpoint, head.header("content-type"), readBody(body, head.contentLength()));
            settings.llm().checkModel(endpoint, call.model());
            switch (admit(endpoint, call.model())) {
                case LlmMeter.Refused r -> throw ProxyRefusal.typed(429, LlmErrors.BUDGET_EXCEEDED, r.message());
                case LlmMeter.Admitted a -> send(head, uri, call, a, out);
            }
        } finally {
            bufferKib.release(kib);
        }
    }

    private void acquire(int kib) throws ProxyRefusal {
        try {
            if (!bufferKib.tryAcquire(kib, BUFFER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProxyRefusal(503, "too many large model requests at once; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyRefusal(503, "the proxy is shutting down");
        }
    }

    /** The meter's answer; a meter that cannot tell (its store failed) refuses: budgets fail closed. */
    private LlmMeter.Admission admit(LlmEndpoint endpoint, String model) throws ProxyRefusal {
        try {
            return settings.meter().admit(endpoint, model);
        } catch (RuntimeException e) {
            log.error("the spend meter of group {} failed; refusing the model call", exchange.group(), e);
            throw new ProxyRefusal(503, "the host cannot check this group's budgets right now; try again later");
        }
    }

    private byte[] readBody(BodyStream body, long length) throws IOException {
        try {
            return body.readNBytes((int) length);
        } catch (IOException e) {
            exchange.record(Verdict.DENIED, 0, body.bytesRead(), 0, "the client closed before sending its whole body");
            throw e;
        }
    }

    /** Forwards an admitted call and settles it with the meter, however it ends. */
    private void send(RequestHead head, URI uri, LlmCall call, LlmMeter.Admitted admitted, OutputStream out)
            throws ProxyRefusal, IOException {
        UsageTap tap = null;
        try {
            HttpResponse<InputStream> response;
            try {
                response = http.send(upstreamRequest(head, uri, call), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw upstreamFailure(e, 504, null, "the LLM upstream did not answer in time");
            } catch (IOException e) {
                throw upstreamFailure(e, 502, LlmErrors.UPSTREAM_UNREACHABLE,
                        "the LLM upstream is unreachable (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxyRefusal(503, "the proxy is shutting down");
            }
            if (response.statusCode() / 100 == 2) {
                tap = UsageTap.of(settings.llm().api(), response.headers().firstValue("content-type").orElse(null));
            }
            relay(response, head.contentLength(), tap, out);
        } finally {
            try {
                settings.meter().settle(admitted, tap == null ? Usage.ZERO : tap.usage(), tap != null);
            } catch (RuntimeException e) {
                log.error("could not count the usage of a model call of group {}", exchange.group(), e);
            }
        }
    }

    private HttpRequest upstreamRequest(RequestHead head, URI uri, LlmCall call) throws ProxyRefusal {
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
        b.header(settings.credentials().headerName(), settings.credentials().headerValue());
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(call.body())).build();
    }

    private ProxyRefusal upstreamFailure(IOException e, int status, String type, String reason) {
        log.warn("LLM upstream request of group {} failed: {}", exchange.group(), exchange.redact(e.toString()));
        return ProxyRefusal.upstream(status, type, reason);
    }

    /**
     * Streams the upstream response back as it arrives (one write per read, nothing buffered); a
     * successful one passes through {@code tap} (null for an error response).
     */
    private void relay(HttpResponse<InputStream> response, long bytesIn, UsageTap tap, OutputStream out) throws IOException {
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
                    log.warn("LLM response for group {} broke off after {} bytes: {}", exchange.group(), sent,
                            exchange.redact(e.toString()));
                    break;
                }
                if (n < 0) {
                    break;
                }
                if (tap != null) {
                    tap.accept(buf, 0, n);
                }
                out.write(buf, 0, n);
                out.flush();
                sent += n;
            }
        } catch (IOException e) {
            outcome = "the client closed the connection during the response";
            throw e;
        } finally {
            exchange.record(Verdict.ALLOWED, response.statusCode(), bytesIn, sent, outcome);
        }
    }
}
