/**
 * Session transcripts: JSONL under the agent's home, appended per message, sanitised on resume,
 * compacted (archived to markdown, older turns replaced by a summary) near the context limit.
 */
package dev.pincer.agent.session;
