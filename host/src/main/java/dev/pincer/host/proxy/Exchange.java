package dev.pincer.host.proxy;

import dev.pincer.host.proxy.EgressEvent.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit facts of one request, filled in as the proxy understands it (method, destination, path,
 * whether it is on the LLM route), and its one audit record. Reasons are redacted of the credential.
 */
final class Exchange {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    private final String group;
    private final EgressAuditor auditor;
    private final Credentials credentials;
    private String method = "?";
    private String host = "";
    private int port;
    private String path = "";
    private boolean llm;

    Exchange(String group, EgressAuditor auditor, Credentials credentials) {
        this.group = group;
        this.auditor = auditor;
        this.credentials = credentials;
    }

    String group() {
        return group;
    }

    String method() {
        return method;
    }

    void method(String m) {
        method = m;
    }

    void destination(String h, int p) {
        host = h == null ? "" : h;
        port = p;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String path() {
        return path;
    }

    void path(String p) {
        path = p == null ? "" : p;
    }

    /** Whether the request is addressed to the LLM route (its refusals are JSON in the provider's shape). */
    boolean llm() {
        return llm;
    }

    void llm(boolean on) {
        llm = on;
    }

    String redact(String text) {
        return credentials.redact(text);
    }

    /** Reports the request, once, after its response ended. */
    void record(Verdict verdict, int status, long bytesIn, long bytesOut, String reason) {
        try {
            auditor.record(new EgressEvent(group, new EgressEvent.Request(method, host, port, path),
                    new EgressEvent.Traffic(bytesIn, bytesOut), verdict, status, redact(reason)));
        } catch (RuntimeException e) {
            log.error("could not record an egress audit event for group {}", group, e);
        }
    }
}
