/**
 * What {@code ./pincer doctor} checks ({@link dev.pincer.host.doctor.Doctor}) and how one check
 * reads ({@link dev.pincer.host.doctor.Check}): Java, the sandbox runtimes' self-tests, the agent
 * jar, the credential as the egress proxy would use it, the web port and the extra mounts. Depends
 * on config, sandbox, proxy (credential validation) and app (the runtimes); nothing depends on it but
 * the CLI.
 */
package dev.pincer.host.doctor;
