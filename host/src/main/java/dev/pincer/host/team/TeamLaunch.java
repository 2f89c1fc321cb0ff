package dev.pincer.host.team;

import dev.pincer.host.proxy.ProxyLauncher;
import dev.pincer.host.run.RunSettings;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.store.AuditLog;

/**
 * How a sandbox teammate is started: as its group's own sandbox, with the same runtime, egress
 * proxies (opened for the group: its egress policy, its models, a meter that counts for the parent
 * run) and run settings (agent command, limits, the run's timeout); its host calls are audited.
 */
public record TeamLaunch(SandboxRuntime runtime, ProxyLauncher proxies, RunSettings settings, AuditLog audit) {}
