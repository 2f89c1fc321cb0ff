/** Model clients: the Anthropic Messages API over java.net.http, SSE parsing, retries, the message model. */
package dev.pincer.agent.llm;
