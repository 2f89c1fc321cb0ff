package dev.pincer.host.hosttools;

import com.fasterxml.jackson.databind.JsonNode;

/** How one host tool call ended; {@link HostTools} turns it into the response and the audit row. */
sealed interface Outcome {

    /** Carried out: {@code data} goes to the agent, {@code detail} to the audit log. */
    record Done(JsonNode data, String detail) implements Outcome {}

    /** Not allowed for this caller: {@code reason} goes to the agent, {@code detail} to the audit log. */
    record Refused(String reason, String detail) implements Outcome {
        Refused(String reason) {
            this(reason, reason);
        }
    }

    /** Allowed but not possible: bad arguments, nothing to act on, a conflict. Nothing changed. */
    record Invalid(String reason) implements Outcome {}

    /**
     * The verdict as an outcome, when it is not {@link Authorization.Verdict.Allow}.
     *
     * @param subject what the call acted on, e.g. {@code chat 'web:main'}
     * @param missing the reason when the subject does not exist
     */
    static Outcome of(Authorization.Verdict verdict, String subject, String missing) {
        return switch (verdict) {
            case Authorization.Verdict.Allow a -> throw new IllegalArgumentException("an allowed call has no refusal");
            case Authorization.Verdict.Refuse r -> new Refused(subject + ": " + r.reason());
            case Authorization.Verdict.Missing m -> new Invalid(missing);
        };
    }
}
