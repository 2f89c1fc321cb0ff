package dev.pincer.host.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the proxy. Requests: an allowlist, so credentials ({@code x-api-key},
 * {@code authorization}, {@code proxy-authorization}, cookies), {@code host} and hop-by-hop headers
 * from the sandbox never reach the upstream. Responses: everything except hop-by-hop headers.
 */
final class ForwardHeaders {
    private ForwardHeaders() {}

    private static final Set<String> REQUEST_ALLOWED = Set.of("content-type", "accept", "user-agent");
    private static final List<String> REQUEST_ALLOWED_PREFIXES = List.of("anthropic-", "x-stainless-");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization");

    static boolean forwardRequestHeader(String lowerName) {
        return REQUEST_ALLOWED.contains(lowerName)
                || REQUEST_ALLOWED_PREFIXES.stream().anyMatch(lowerName::startsWith);
    }

    static boolean forwardResponseHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith(":") && !HOP_BY_HOP.contains(lower);
    }

    /** Response headers as {@code Name: value} lines (CRLF-terminated), hop-by-hop removed. */
    static String responseLines(Map<String, List<String>> headers) {
        StringBuilder sb = new StringBuilder();
        headers.forEach((name, values) -> {
            if (forwardResponseHeader(name)) {
                for (String v : values) {
                    sb.append(name).append(": ").append(v).append("\r\n");
                }
            }
        });
        return sb.toString();
    }
}
