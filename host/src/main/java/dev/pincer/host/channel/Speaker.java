package dev.pincer.host.channel;

import java.util.Objects;

/**
 * Who speaks a reply: the assistant itself, or one of its sub-agents under a role name the host
 * checked. {@link #shown()} is how every channel and the stored chat show it, so a sub-agent is
 * always visibly the assistant's ({@code Andy · researcher}) and never passes for a person.
 *
 * @param assistant the assistant's name ({@code ASSISTANT_NAME})
 * @param role      the sub-agent's role name, or null for the assistant itself
 */
public record Speaker(String assistant, String role) {

    /** Between the assistant's name and a sub-agent's role. */
    public static final String SEPARATOR = " · ";

    public Speaker {
        Objects.requireNonNull(assistant, "assistant");
        role = role == null || role.isBlank() ? null : role;
    }

    /** The name to show people. */
    public String shown() {
        return role == null ? assistant : assistant + SEPARATOR + role;
    }
}
