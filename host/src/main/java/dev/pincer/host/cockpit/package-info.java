/**
 * The operator's cockpit: what the web app's dashboard pages read and do beyond chatting: the
 * sandbox state of each group and stopping a run, run history with each run's tool calls and
 * log, usage per group and day against the budgets, the audit log, the outbox and a retry, the
 * channels' states, the settings that are safe to show. Depends on {@code store}, {@code config},
 * {@code queue}, {@code outbox}, {@code chatapps} and {@code spend}; only {@code app} wires it.
 */
package dev.pincer.host.cockpit;
