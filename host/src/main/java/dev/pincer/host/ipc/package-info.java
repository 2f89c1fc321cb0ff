/**
 * The host's side of the file protocol with a sandbox: {@link dev.pincer.host.ipc.OutputApplier}
 * applies each output file in one transaction keyed by its name, {@link dev.pincer.host.ipc.RequestServer}
 * answers each host-tool request exactly once through a {@link dev.pincer.host.ipc.RequestHandler},
 * {@link dev.pincer.host.ipc.IpcDir} opens files without following links and
 * {@link dev.pincer.host.ipc.DirectoryWatcher} notices new ones. May depend on {@code protocol},
 * {@code store}, {@code outbox} and {@code events}.
 */
package dev.pincer.host.ipc;
