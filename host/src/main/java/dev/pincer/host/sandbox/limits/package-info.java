/**
 * How a sandbox's {@link dev.pincer.host.sandbox.Limits} are enforced on this host, for runtimes that
 * enforce them themselves (bwrap): {@link dev.pincer.host.sandbox.limits.LimitsProbe} picks a delegated
 * cgroup v2 subtree, cgroup v1 hierarchies or {@code prlimit}, and each sandbox's
 * {@link dev.pincer.host.sandbox.limits.AppliedLimits} are killed and removed with it; cgroups a killed
 * host left are removed at the next start, and {@link dev.pincer.host.sandbox.limits.LimitsAdvice}
 * explains a host without per-sandbox limits and how to get them. It may depend on the sandbox
 * contract only.
 */
package dev.pincer.host.sandbox.limits;
