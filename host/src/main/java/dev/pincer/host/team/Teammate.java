package dev.pincer.host.team;

import dev.pincer.host.store.Group;
import dev.pincer.protocol.AgentDefinition;

/**
 * One sandbox teammate as the host knows it (never from its own word): its group, its type and
 * definition, how deep it is nested, the run it works for and its id within that run.
 */
record Teammate(Group group, String type, AgentDefinition definition, int depth, TeamRun run, String id) {

    /** The name it speaks under in the chat and is reported as. */
    String name() {
        return definition.name() == null || definition.name().isBlank() ? type : definition.name();
    }

    TeamAuthorization.Caller asCaller() {
        return new TeamAuthorization.Caller(definition, depth);
    }
}
