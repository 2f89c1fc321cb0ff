/**
 * The agent that runs inside the sandbox, and its wiring: {@link dev.pincer.agent.AgentMain} (entry
 * point and exit codes), {@link dev.pincer.agent.AgentConfig} (environment),
 * {@link dev.pincer.agent.Agent} (one process from start input to result, staying warm for
 * follow-ups), {@link dev.pincer.agent.AgentLoop} (model/tool turns), {@code RunReport} and
 * {@code RunFailures} (how runs end: one result each, failures classified for the user) and
 * {@link dev.pincer.agent.Log}, the log every agent package writes to. May depend on every agent
 * package and on {@code protocol}; never on the host module.
 */
package dev.pincer.agent;
