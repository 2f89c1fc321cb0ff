/**
 * The loopback-to-Unix-socket relay that connects the sandbox to the host's egress proxy.
 * Depends only on the JDK and the agent's log.
 */
package dev.pincer.agent.relay;
