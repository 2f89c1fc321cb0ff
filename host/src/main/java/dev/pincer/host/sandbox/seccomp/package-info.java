/**
 * The agent's seccomp filter as a classic BPF program, emitted from Java per architecture
 * ({@link dev.pincer.host.sandbox.seccomp.SeccompFilter}, {@link dev.pincer.host.sandbox.seccomp.SeccompArch}):
 * escape-prone syscalls fail, sockets stay AF_UNIX/AF_INET/AF_INET6. Pure computation; it depends on
 * nothing but the JDK.
 */
package dev.pincer.host.sandbox.seccomp;
