/**
 * What model calls cost, and the budgets the host enforces on them (docs/DESIGN.md section 6): per
 * run (tokens, model calls) and per group and day (tokens, US dollars by a price table). A
 * {@link dev.pincer.host.spend.SpendMeter} per sandbox is the egress proxy's
 * {@link dev.pincer.host.proxy.LlmMeter}; it counts only what the provider's responses report and
 * tells the chat and the main group when a budget stops a run. Depends on {@code store} and on the
 * proxy's meter interface.
 */
package dev.pincer.host.spend;
