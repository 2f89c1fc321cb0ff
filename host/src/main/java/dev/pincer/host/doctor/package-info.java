/**
 * {@code ./pincer doctor}'s checks, each a {@link dev.pincer.host.doctor.Check} with a fix: Java, the
 * sandbox runtimes' real self-tests, the agent jar, the credential as the egress proxy would use it,
 * the web port, the extra-mount allowlist of every group, the JVM start-up caches. May depend on {@code app} (the runtimes as
 * Pincer configures them), {@code config}, {@code sandbox}, {@code proxy} (credential validation),
 * {@code groups}, {@code jvmcache} and {@code store}; prints nothing itself.
 */
package dev.pincer.host.doctor;
