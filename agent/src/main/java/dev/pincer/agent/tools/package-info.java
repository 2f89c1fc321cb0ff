/** Tools the model may call (Claude Code names and schemas), their registry and the concurrent runner. */
package dev.pincer.agent.tools;
