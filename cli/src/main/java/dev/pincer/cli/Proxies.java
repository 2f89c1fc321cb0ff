package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.proxy.Credentials;
import dev.pincer.host.proxy.EgressLimits;
import dev.pincer.host.proxy.EgressPolicy;
import dev.pincer.host.proxy.EgressProxy;
import dev.pincer.host.run.ProxyLauncher;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.GroupStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

/** Opens each sandbox's egress proxy with the configured credentials; every request is audited. */
final class Proxies {
    private Proxies() {}

    static ProxyLauncher launcher(Config config, AuditLog audit, GroupStore groups) {
        Credentials credentials = credentials(config);
        HttpClient http = EgressProxy.newHttpClient();
        return (folder, runDir) -> {
            if (credentials == null) {
                throw new IOException("openai".equals(config.provider())
                        ? "no OpenAI-compatible credential configured: put OPENAI_API_KEY=... into "
                                + config.layout().envFile() + " (any value for a local server such as Ollama)"
                        : "no Anthropic credential configured: put ANTHROPIC_API_KEY=... into " + config.layout().envFile());
            }
            EgressProxy proxy = new EgressProxy(folder, runDir, credentials, http, e -> audit.record(e.group(), "egress",
                    e.verdict().name().toLowerCase(java.util.Locale.ROOT), e.method() + " " + e.host() + ":" + e.port()
                            + e.path() + " status=" + e.status() + " in=" + e.bytesIn() + " out=" + e.bytesOut()
                            + " " + e.reason()), egressPolicy(groups, folder), EgressLimits.DEFAULT);
            proxy.start();
            return proxy;
        };
    }

    /**
     * The credential and upstream of the LLM route for the configured provider: Anthropic's key
     * ({@code x-api-key}) or token ({@code Authorization: Bearer}) for {@code ANTHROPIC_BASE_URL}, or
     * {@code Authorization: Bearer OPENAI_API_KEY} for {@code OPENAI_BASE_URL}; null when missing.
     */
    static Credentials credentials(Config config) {
        if ("openai".equals(config.provider())) {
            return config.openaiApiKey() == null ? null : Credentials.bearer(config.openaiApiKey(), config.openaiBaseUrl());
        }
        URI upstream = config.anthropicBaseUrl();
        return config.apiKey() != null
                ? Credentials.apiKey(config.apiKey(), upstream)
                : config.authToken() != null ? Credentials.bearer(config.authToken(), upstream) : null;
    }

    /** The group's {@code egress} config; a group without one (or gone) gets {@code public}. */
    static EgressPolicy egressPolicy(GroupStore groups, String folder) {
        GroupConfig.Egress egress = groups.byFolder(folder).map(g -> GroupConfig.parse(g.config()).egress()).orElse(null);
        return egress == null ? EgressPolicy.PUBLIC : EgressPolicy.of(egress.policy(), egress.allow());
    }
}
