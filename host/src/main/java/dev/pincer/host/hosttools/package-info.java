/**
 * The host tools of docs/DESIGN.md section 7: what an agent may ask the host to do (send a message,
 * manage tasks, register and list groups), authorized by {@link dev.pincer.host.hosttools.Authorization}
 * from the folder the request appeared in and audited, allowed or not.
 */
package dev.pincer.host.hosttools;
