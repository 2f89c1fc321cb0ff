/**
 * The host tools of DESIGN section 7 on the agent's side: each call is a request file in
 * {@code /workspace/ipc/requests/} answered by the host in {@code responses/}. The agent decides
 * nothing here; the host authorizes every call from the folder the request appeared in.
 */
package dev.pincer.agent.host;
