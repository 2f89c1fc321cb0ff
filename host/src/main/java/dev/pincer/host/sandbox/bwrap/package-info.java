/**
 * The bubblewrap runtime: {@link dev.pincer.host.sandbox.bwrap.BwrapRuntime} builds the launch command
 * (bind sources staged and privileges dropped with setpriv when the host is root, the sandbox's own
 * {@code /etc} files, the seccomp filter passed as an fd, the launcher joining its cgroups), starts it,
 * and self-tests it with a diagnosis of bwrap's errors. It may depend on the sandbox contract and on
 * the {@code limits} and {@code seccomp} subpackages.
 */
package dev.pincer.host.sandbox.bwrap;
