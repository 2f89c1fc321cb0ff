/**
 * Session transcripts: JSONL under the agent's home, appended per message, sanitised on resume,
 * compacted (archived to markdown, older turns replaced by a summary) near the context limit;
 * images and documents kept by reference to their file. Depends on {@code llm} (the message model,
 * the model that writes summaries), {@code media} (reading those files again), {@code protocol} and
 * the agent's log.
 */
package dev.pincer.agent.session;
