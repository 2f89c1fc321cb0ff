/**
 * The wire contract between the host and the agent inside the sandbox: IPC input and output
 * events, file conventions and fixed sandbox paths. Both sides depend on this and nothing else
 * of each other.
 */
package dev.pincer.protocol;
