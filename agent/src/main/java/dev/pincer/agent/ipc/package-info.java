/**
 * The agent's side of the IPC folders: reading {@code input/} (the start, follow-ups, close),
 * writing {@code output/}, and {@link dev.pincer.agent.ipc.FolderWatch}, the wait for files that
 * every reader of an IPC folder uses. Depends only on {@code protocol} and the agent's log.
 */
package dev.pincer.agent.ipc;
