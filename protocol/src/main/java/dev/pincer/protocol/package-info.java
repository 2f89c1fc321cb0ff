/**
 * The wire contract between the host and the agent inside the sandbox: IPC input and output
 * events, host tool requests and responses, file conventions and fixed sandbox paths. Both sides
 * depend on this and nothing else of each other; it depends only on Jackson.
 */
package dev.pincer.protocol;
