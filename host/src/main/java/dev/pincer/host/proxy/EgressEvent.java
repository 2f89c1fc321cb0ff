package dev.pincer.host.proxy;

/**
 * One request through a sandbox's egress proxy, for the audit log.
 *
 * @param group   the group folder whose sandbox made the request
 * @param verdict whether the request was forwarded
 * @param status  HTTP status returned to the sandbox (0 if the connection broke before one was sent)
 * @param reason  why it was refused or failed; {@code ok} when forwarded
 */
public record EgressEvent(String group, Request request, Traffic traffic, Verdict verdict, int status, String reason) {

    public enum Verdict { ALLOWED, DENIED }

    /**
     * What the sandbox asked for.
     *
     * @param method HTTP method ({@code ?} if the request line could not be parsed)
     * @param host   destination host (the LLM upstream for the LLM route; the requested host for refused
     *               egress; empty when there is none)
     * @param port   destination port, 0 when there is none
     * @param path   request path without query
     */
    public record Request(String method, String host, int port, String path) {}

    /**
     * @param in  request body bytes received from the sandbox
     * @param out response body bytes sent back to the sandbox
     */
    public record Traffic(long in, long out) {}
}
