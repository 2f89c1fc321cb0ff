/** The loopback-to-Unix-socket relay that connects the sandbox to the host's egress proxy. */
package dev.pincer.agent.relay;
