package dev.pincer.host.run;

import dev.pincer.host.ipc.OutputApplier;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.proxy.ProxyLauncher;
import dev.pincer.host.sandbox.SandboxRuntime;

/**
 * How a run's sandbox is started and talked to: the sandbox runtime, its egress proxy, the applier
 * of its output files and the server of its host-tool requests.
 */
public record RunIo(SandboxRuntime runtime, ProxyLauncher proxies, OutputApplier outputs, RequestServer.Factory requests) {}
