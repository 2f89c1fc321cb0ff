package dev.pincer.host.proxy;

/** Receives every request an egress proxy handled; the caller writes them to the audit table. */
@FunctionalInterface
public interface EgressAuditor {
    /** Called once per request, after the response ended. Must not block for long. */
    void record(EgressEvent event);
}
