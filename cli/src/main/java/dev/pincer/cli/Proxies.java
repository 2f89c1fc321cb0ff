package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.proxy.Credentials;
import dev.pincer.host.proxy.EgressProxy;
import dev.pincer.host.run.ProxyLauncher;
import dev.pincer.host.store.AuditLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

/** Opens each sandbox's egress proxy with the configured credentials; every request is audited. */
final class Proxies {
    private Proxies() {}

    static ProxyLauncher launcher(Config config, AuditLog audit) {
        URI upstream = config.anthropicBaseUrl();
        Credentials credentials = config.apiKey() != null
                ? Credentials.apiKey(config.apiKey(), upstream)
                : config.authToken() != null ? Credentials.bearer(config.authToken(), upstream) : null;
        HttpClient http = EgressProxy.newHttpClient();
        return (folder, runDir) -> {
            if (credentials == null) {
                throw new IOException("no Anthropic credential configured: put ANTHROPIC_API_KEY=... into "
                        + config.layout().envFile());
            }
            EgressProxy proxy = new EgressProxy(folder, runDir, credentials, http, e -> audit.record(e.group(), "egress",
                    e.verdict().name().toLowerCase(java.util.Locale.ROOT), e.method() + " " + e.host() + ":" + e.port()
                            + e.path() + " status=" + e.status() + " in=" + e.bytesIn() + " out=" + e.bytesOut()
                            + " " + e.reason()));
            proxy.start();
            return proxy;
        };
    }
}
