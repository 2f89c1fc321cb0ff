package dev.pincer.host.proxy;

import java.util.Objects;

/**
 * What one sandbox's proxy enforces: the credential it injects on the LLM route and what that route
 * may be used for, what general egress may reach, its timeouts and caps, where every request is
 * reported, and the meter that counts model calls against the budgets.
 */
public record ProxySettings(Credentials credentials, LlmPolicy llm, EgressPolicy policy, EgressLimits limits,
                            EgressAuditor auditor, LlmMeter meter) {

    public ProxySettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(meter, "meter");
    }

    /** Only the LLM route (general egress policy {@code none}), default limits, unmetered. */
    public static ProxySettings llmOnly(Credentials credentials, LlmPolicy llm, EgressAuditor auditor) {
        return new ProxySettings(credentials, llm, EgressPolicy.NONE, EgressLimits.DEFAULT, auditor, LlmMeter.UNMETERED);
    }

    public ProxySettings withPolicy(EgressPolicy p) {
        return new ProxySettings(credentials, llm, p, limits, auditor, meter);
    }

    public ProxySettings withLimits(EgressLimits l) {
        return new ProxySettings(credentials, llm, policy, l, auditor, meter);
    }

    public ProxySettings withMeter(LlmMeter m) {
        return new ProxySettings(credentials, llm, policy, limits, auditor, m);
    }
}
