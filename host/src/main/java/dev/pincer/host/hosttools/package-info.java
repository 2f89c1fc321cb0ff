/**
 * The host tools of docs/DESIGN.md section 7: what an agent may ask the host to do (send a message,
 * manage tasks, register and list groups, search its memory), authorized by
 * {@link dev.pincer.host.hosttools.Authorization} from the folder the request appeared in and audited,
 * allowed or not. May depend on {@code protocol}, {@code store}, {@code groups}, {@code tasks} (through
 * {@code TaskControl}), {@code outbox}, {@code memory}, {@code ipc} (it is a {@code RequestHandler}) and
 * {@code config}.
 */
package dev.pincer.host.hosttools;
