package dev.pincer.host.proxy;

import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.GroupStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Opens each sandbox's egress proxy with the configured credential, what the LLM route may be used
 * for (the provider's inference endpoints, the models this group calls), the group's egress policy
 * and a meter of its own; every request is written to the audit log. One HTTP client is shared by all.
 */
public final class SandboxProxies {

    private final Config config;
    private final AuditLog audit;
    private final GroupStore groups;
    private final Credentials credentials;
    private final Function<String, LlmMeter> meters;
    private final HttpClient http = EgressProxy.newHttpClient();

    /** @param meters the meter of a group's sandbox, by folder: counts its model calls against the budgets */
    public SandboxProxies(Config config, AuditLog audit, GroupStore groups, Function<String, LlmMeter> meters) {
        this.config = config;
        this.audit = audit;
        this.groups = groups;
        this.credentials = credentials(config);
        this.meters = meters;
    }

    /** Starts the proxy of group {@code folder} on {@code runDir/proxy.sock}; fails when no credential is configured. */
    public EgressProxy open(String folder, Path runDir) throws IOException {
        if (credentials == null) {
            throw new IOException(config.llm().isOpenAi()
                    ? "no OpenAI-compatible credential configured: put OPENAI_API_KEY=... into "
                            + config.layout().envFile() + " (any value for a local server such as Ollama)"
                    : "no Anthropic credential configured: put ANTHROPIC_API_KEY=... into " + config.layout().envFile());
        }
        EgressAuditor auditor = e -> audit.record(e.group(), "egress", e.verdict().name().toLowerCase(Locale.ROOT),
                e.request().method() + " " + e.request().host() + ":" + e.request().port() + e.request().path()
                        + " status=" + e.status() + " in=" + e.traffic().in() + " out=" + e.traffic().out() + " " + e.reason());
        EgressProxy proxy = new EgressProxy(folder, runDir, new ProxySettings(credentials, llmPolicy(config, groups, folder),
                egressPolicy(groups, folder), EgressLimits.DEFAULT, auditor, meters.apply(folder)), http);
        proxy.start();
        return proxy;
    }

    /**
     * The credential and upstream of the LLM route for the configured provider: Anthropic's key
     * ({@code x-api-key}) or token ({@code Authorization: Bearer}) for {@code ANTHROPIC_BASE_URL}, or
     * {@code Authorization: Bearer OPENAI_API_KEY} for {@code OPENAI_BASE_URL}; null when missing.
     */
    public static Credentials credentials(Config config) {
        if (config.llm().isOpenAi()) {
            Config.OpenAi openai = config.llm().openai();
            return openai.apiKey() == null ? null : Credentials.bearer(openai.apiKey(), openai.baseUrl());
        }
        Config.Anthropic anthropic = config.llm().anthropic();
        URI upstream = anthropic.baseUrl();
        return anthropic.apiKey() != null
                ? Credentials.apiKey(anthropic.apiKey(), upstream)
                : anthropic.authToken() != null ? Credentials.bearer(anthropic.authToken(), upstream) : null;
    }

    /**
     * The provider's inference endpoints with the models this group's agent calls: {@code PINCER_MODEL},
     * the group's {@code model} and {@code PINCER_FAST_MODEL}. Transcription stays closed until it is
     * configured ({@code PINCER_TRANSCRIBE_URL}, docs/DESIGN.md section 10.1).
     */
    static LlmPolicy llmPolicy(Config config, GroupStore groups, String folder) {
        Set<String> models = new LinkedHashSet<>();
        models.add(config.llm().model());
        models.add(config.fastModel());
        groups.byFolder(folder).map(g -> GroupConfig.parse(g.config()).model()).ifPresent(models::add);
        return LlmPolicy.of(LlmApi.of(config.llm().provider()), models);
    }

    /** The group's {@code egress} config; a group without one (or gone) gets {@code public}. */
    static EgressPolicy egressPolicy(GroupStore groups, String folder) {
        GroupConfig.Egress egress = groups.byFolder(folder).map(g -> GroupConfig.parse(g.config()).egress()).orElse(null);
        return egress == null ? EgressPolicy.PUBLIC : EgressPolicy.of(egress.policy(), egress.allow());
    }
}
