/**
 * The group's MCP servers: started per agent process over stdio with the MCP SDK, each of their
 * tools offered to the model as an ordinary {@link dev.pincer.agent.tools.Tool} named
 * {@code mcp__<server>__<tool>}. Depends on the MCP SDK, {@code tools}, {@code protocol} and the
 * agent's log.
 */
package dev.pincer.agent.mcp;
