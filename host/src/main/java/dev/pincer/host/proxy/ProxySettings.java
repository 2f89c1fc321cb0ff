package dev.pincer.host.proxy;

import java.util.Objects;

/**
 * What one sandbox's proxy enforces: the credential it injects on the LLM route, what general
 * egress may reach, its timeouts and caps, and where every request is reported.
 */
public record ProxySettings(Credentials credentials, EgressPolicy policy, EgressLimits limits, EgressAuditor auditor) {

    public ProxySettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auditor, "auditor");
    }

    /** Only the LLM route (general egress policy {@code none}), default limits. */
    public static ProxySettings llmOnly(Credentials credentials, EgressAuditor auditor) {
        return new ProxySettings(credentials, EgressPolicy.NONE, EgressLimits.DEFAULT, auditor);
    }

    public ProxySettings withPolicy(EgressPolicy p) {
        return new ProxySettings(credentials, p, limits, auditor);
    }

    public ProxySettings withLimits(EgressLimits l) {
        return new ProxySettings(credentials, policy, l, auditor);
    }
}
