/**
 * The container runtimes (Docker, Podman, and Apple's {@code container} as arguments only):
 * {@link dev.pincer.host.sandbox.container.ContainerRuntime} expresses the sandbox contract as the
 * CLI's {@code run} flags, removes each container by name once its CLI is gone, and self-tests the
 * CLI, daemon and image. It may depend on the sandbox contract only.
 */
package dev.pincer.host.sandbox.container;
