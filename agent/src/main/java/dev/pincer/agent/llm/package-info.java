/**
 * Model clients: the message model ({@link dev.pincer.agent.llm.ChatMessage},
 * {@link dev.pincer.agent.llm.ContentBlock}), the {@link dev.pincer.agent.llm.ModelClient} interface
 * and the Anthropic Messages API client, SSE parsing, and {@link dev.pincer.agent.llm.ModelEndpoint},
 * the streaming POST every client uses, with its retries ({@link dev.pincer.agent.llm.RetryPolicy}) and
 * the cut-off of silent responses ({@code StallWatch}); the OpenAI-compatible client lives in
 * {@code llm.openai}. Depends on {@code protocol}, Jackson and {@code java.net.http}; knows nothing
 * of tools or sessions.
 */
package dev.pincer.agent.llm;
