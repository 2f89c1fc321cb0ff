package dev.pincer.host.run;

import dev.pincer.host.ipc.IpcDir;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.proxy.ProxyLauncher;

/**
 * Where a batch fed into a live sandbox goes: its input folder, its host-tool server (a fresh
 * per-batch cap) and its proxy (a fresh per-run budget).
 */
record Handover(IpcDir input, RequestServer requests, ProxyLauncher.Handle proxy) {}
