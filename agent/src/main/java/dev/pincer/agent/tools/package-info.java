/**
 * Tools the model may call (Claude Code names and schemas): each a {@link dev.pincer.agent.tools.Tool}
 * with its {@link dev.pincer.agent.tools.ToolSpec}, the registry that offers them and the runner that
 * runs one turn's calls concurrently. Depends on {@code tools.web}, {@code skills}, {@code llm} (the
 * small model call of {@code WebFetch}), the agent's log and its config.
 */
package dev.pincer.agent.tools;
