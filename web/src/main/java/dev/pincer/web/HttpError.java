package dev.pincer.web;

import java.util.Map;

/**
 * A refused request: a status and a reason the client can act on, rendered as
 * {@code {"error":"reason"}}. Thrown by handlers before anything is stored.
 */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final transient Map<String, String> headers;

    HttpError(int status, String reason, Map<String, String> headers) {
        super(reason, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    HttpError(int status, String reason) {
        this(status, reason, Map.of());
    }

    /** A client-supplied value for an error message: cut short, so a huge value is not echoed back. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    static HttpError notFound(String reason) {
        return new HttpError(404, reason);
    }

    static HttpError conflict(String reason) {
        return new HttpError(409, reason);
    }
}
