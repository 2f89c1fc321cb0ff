package dev.pincer.web;

/** What a route answers; {@link Dispatcher} turns it into bytes on the wire. */
sealed interface Reply {

    /** A JSON document ({@code body} is serialised with Jackson). */
    record Json(int status, Object body) implements Reply {}

    /** {@code 204 No Content}. */
    record NoContent() implements Reply {}

    /** An HTML page with its own Content-Security-Policy. */
    record Html(byte[] body, String contentSecurityPolicy) implements Reply {}

    /** A static file of the page (script or style sheet) with its content type. */
    record Asset(byte[] body, String contentType) implements Reply {}

    /** The route wrote the whole response itself (a stream); nothing more to send. */
    record Streamed() implements Reply {}

    static Reply json(int status, Object body) {
        return new Json(status, body);
    }
}
