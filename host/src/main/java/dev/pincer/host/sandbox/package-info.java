/**
 * The runtime-neutral sandbox contract: what a group's sandbox sees ({@link dev.pincer.host.sandbox.MountPlan}
 * with the {@link dev.pincer.host.sandbox.ExtraMounts} the {@link dev.pincer.host.sandbox.MountAllowlist}
 * grants), one run of it ({@link dev.pincer.host.sandbox.SandboxSpec} with its
 * {@link dev.pincer.host.sandbox.Limits}), the {@link dev.pincer.host.sandbox.SandboxRuntime} interface
 * that starts it, the running {@link dev.pincer.host.sandbox.SandboxProcess} that enforces the wall-clock
 * limit, and {@link dev.pincer.host.sandbox.Sandboxes}, which picks a runtime whose self-test passes and
 * refuses to go on without one. It also holds what every runtime shares: bind-source preparation, the
 * launcher and run log, the self-test check, what every sandbox must have to start
 * ({@link dev.pincer.host.sandbox.IsolationPolicy}) and what it got ({@link dev.pincer.host.sandbox.Isolation}),
 * the end of processes a turn left behind ({@link dev.pincer.host.sandbox.Strays}) and the per-group
 * disk quota ({@link dev.pincer.host.sandbox.GroupDisk}). It may depend on {@code config} and {@code protocol},
 * never on a runtime; the runtimes live in the {@code bwrap} and {@code container} subpackages.
 */
package dev.pincer.host.sandbox;
