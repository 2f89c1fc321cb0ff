package dev.pincer.host.proxy;

/** A request the proxy answers itself with {@code status} and a short plain-text reason. */
final class ProxyRefusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean forwarded;

    /** The proxy refuses the request itself. */
    ProxyRefusal(int status, String reason) {
        this(status, reason, false);
    }

    /**
     * @param forwarded true when the request was allowed but the upstream failed (audited as allowed)
     */
    ProxyRefusal(int status, String reason, boolean forwarded) {
        super(reason, null, false, false);
        this.status = status;
        this.forwarded = forwarded;
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
}
