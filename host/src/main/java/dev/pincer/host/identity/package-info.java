/**
 * Who the assistant may speak as: the role names of its sub-agents ({@link dev.pincer.host.identity.RoleNames}),
 * the group's agent definitions, and the one check ({@link dev.pincer.host.identity.SenderCheck}) that keeps a
 * {@code sender} from impersonating a person, a group or the assistant. Depends on {@code store} and
 * {@code config}; the host tools and the IPC output applier use it.
 */
package dev.pincer.host.identity;
