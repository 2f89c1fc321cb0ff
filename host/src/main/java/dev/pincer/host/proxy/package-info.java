/**
 * The per-sandbox egress proxy (docs/DESIGN.md section 6): the only way out of a sandbox. It injects the
 * LLM credential so the sandbox never holds one, refuses everything it does not serve, and reports
 * every request for the audit log. May depend on {@code config} (the credential), {@code groups} (a
 * group's egress setting), {@code store} (the audit log) and {@code protocol}.
 */
package dev.pincer.host.proxy;
