/**
 * One group's agent run, from catch-up to exit: {@link dev.pincer.host.run.AgentRunner} starts it,
 * {@link dev.pincer.host.run.RunPlanner} plans the {@code start} input and the sandbox,
 * {@link dev.pincer.host.run.LiveSandbox} drives the running sandbox (follow-ups, idling, close) and
 * {@link dev.pincer.host.run.Batches} tracks which fed messages are answered. May depend on
 * {@code sandbox}, {@code ipc}, {@code store}, {@code router}, {@code queue}, {@code tasks},
 * {@code groups}, {@code events}, {@code config}, {@code jvmcache} (the agent JVM's cache) and {@code protocol}; only
 * {@code app} and {@code team} (the agent command and settings of a teammate's sandbox,
 * {@link dev.pincer.host.run.AgentCommand}) depend on it.
 */
package dev.pincer.host.run;
