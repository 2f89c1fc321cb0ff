package dev.pincer.host.proxy;

/**
 * A request the proxy answers itself with {@code status} and a short reason: plain text, or on the
 * LLM route a JSON error in the provider's shape with an error {@link #type()}.
 */
final class ProxyRefusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean forwarded;
    private final String type;

    /** The proxy refuses the request itself. */
    ProxyRefusal(int status, String reason) {
        this(status, reason, false, null);
    }

    /**
     * @param forwarded true when the request was allowed but the upstream failed (audited as allowed)
     */
    ProxyRefusal(int status, String reason, boolean forwarded) {
        this(status, reason, forwarded, null);
    }

    private ProxyRefusal(int status, String reason, boolean forwarded, String type) {
        super(reason, null, false, false);
        this.status = status;
        this.forwarded = forwarded;
        this.type = type;
    }

    /** The upstream failed for an allowed request; {@code type} is the JSON body's error type, or null for the usual one. */
    static ProxyRefusal upstream(int status, String type, String reason) {
        return new ProxyRefusal(status, reason, true, type);
    }

    /** A refusal with its own error type for the JSON body, e.g. {@code budget_exceeded}. */
    static ProxyRefusal typed(int status, String type, String reason) {
        return new ProxyRefusal(status, reason, false, type);
    }

    boolean forwarded() {
        return forwarded;
    }

    int status() {
        return status;
    }

    String reason() {
        return getMessage();
    }

    /** The error type of the JSON body: the one given, else the providers' usual type for the status. */
    String type() {
        if (type != null) {
            return type;
        }
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
