/**
 * The per-sandbox egress proxy (docs/DESIGN.md section 6): the only way out of a sandbox. It injects the
 * LLM credential so the sandbox never holds one, uses it only for the provider's inference endpoints
 * with the models the group may call, reads each answer's usage for its {@link dev.pincer.host.proxy.LlmMeter}
 * (which refuses calls once a budget is spent), decides general egress by the group's policy, refuses
 * everything else, and reports every request for the audit log. Depends on {@code config},
 * {@code groups} and {@code store} (to open a group's proxy) and on {@code protocol}.
 */
package dev.pincer.host.proxy;
