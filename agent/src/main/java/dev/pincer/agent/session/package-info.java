/** Session transcripts: JSONL under the agent's home, appended per message, sanitised on resume. */
package dev.pincer.agent.session;
