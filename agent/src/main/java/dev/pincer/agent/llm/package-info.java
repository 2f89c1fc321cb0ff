/**
 * Model clients: the message model ({@link dev.pincer.agent.llm.ChatMessage},
 * {@link dev.pincer.agent.llm.ContentBlock}), the {@link dev.pincer.agent.llm.ModelClient} interface
 * and the Anthropic Messages API client, SSE parsing, and {@link dev.pincer.agent.llm.ModelEndpoint},
 * the streaming POST with retries every client uses (the OpenAI-compatible client lives in
 * {@code llm.openai}). Depends on {@code protocol}, Jackson and {@code java.net.http}; knows nothing
 * of tools or sessions.
 */
package dev.pincer.agent.llm;
