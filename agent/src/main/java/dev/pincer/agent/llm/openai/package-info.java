/** The OpenAI-compatible Chat Completions client (OpenAI, Ollama, vLLM, OpenRouter) and its translation from the agent's conversation. */
package dev.pincer.agent.llm.openai;
