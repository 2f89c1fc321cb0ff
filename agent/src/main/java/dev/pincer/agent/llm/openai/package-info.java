/**
 * The OpenAI-compatible Chat Completions client (OpenAI, Ollama, vLLM, OpenRouter) and the
 * translation between its wire format and the agent's conversation. Depends on {@code llm} (the
 * message model, {@code ModelEndpoint}) and {@code protocol}.
 */
package dev.pincer.agent.llm.openai;
