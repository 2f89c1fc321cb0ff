/**
 * The host's side of the IPC folders (docs/DESIGN.md section 7): applying a sandbox's
 * {@code output/} ({@link dev.pincer.host.ipc.OutputApplier}), serving its {@code requests/}
 * ({@link dev.pincer.host.ipc.RequestServer}), and the one way the host touches those folders:
 * subfolders opened without following links ({@link dev.pincer.host.ipc.IpcDir}), and every file a
 * sandbox wrote moved into a host-only folder before it is type-checked, opened and read
 * ({@link dev.pincer.host.ipc.IpcInbox}, {@link dev.pincer.host.ipc.TakenFile}). Depends on
 * {@code protocol}, {@code config}, {@code store}, {@code events}, {@code outbox} and {@code identity};
 * the host tools plug in as a {@link dev.pincer.host.ipc.RequestHandler}.
 */
package dev.pincer.host.ipc;
