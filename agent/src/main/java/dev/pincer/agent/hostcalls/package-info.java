/**
 * The agent's side of the host tools ({@link dev.pincer.protocol.HostTool}): each call is a request
 * file in {@code /workspace/ipc/requests/} answered by the host in {@code responses/}, offered to the
 * model as ordinary tools. The agent decides nothing here; the host authorizes every call from the
 * folder the request appeared in. Depends on {@code protocol} and on the agent's {@code tools} and
 * {@code ipc} packages; never on the host module.
 */
package dev.pincer.agent.hostcalls;
