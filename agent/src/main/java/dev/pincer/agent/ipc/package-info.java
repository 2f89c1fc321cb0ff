/** The agent's side of the IPC folders: reading {@code input/}, writing {@code output/}. */
package dev.pincer.agent.ipc;
