package dev.pincer.host.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.hosttools.Authorization.Verdict;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.HostTool;
import org.junit.jupiter.api.Test;

/** Who may start sandbox teammates and which host tools a teammate may call, as pure decisions. */
class TeamAuthorizationTest {

    private static AgentDefinition definition(String type, String frontmatter) {
        return AgentDefinition.parse(type, "---\nname: " + type + "\ndescription: a test type\nisolation: sandbox\n"
                + frontmatter + "---\nYou help.\n");
    }

    private static final AgentDefinition WORKER = definition("worker", "tools: [Bash, send_message, memory_search]\n");
    private static final AgentDefinition LEAD = definition("lead", "tools: [Bash]\ntasks: true\n");
    private static final AgentDefinition PLAIN = definition("plain", "");

    @Test
    void theGroupsAgentStartsAnyKnownTypeUpToTheParallelLimit() {
        assertThat(TeamAuthorization.start(TeamAuthorization.Caller.GROUP_AGENT, WORKER, 0)).isInstanceOf(Verdict.Allow.class);
        assertThat(TeamAuthorization.start(TeamAuthorization.Caller.GROUP_AGENT, null, 0)).isInstanceOf(Verdict.Missing.class);
        assertThat(TeamAuthorization.start(TeamAuthorization.Caller.GROUP_AGENT, WORKER, TeamAuthorization.MAX_PARALLEL))
                .isInstanceOfSatisfying(Verdict.Refuse.class, r -> assertThat(r.reason()).contains("already at work"));
    }

    @Test
    void aTeammateStartsTeammatesOnlyIfItsDefinitionDelegatesAndOnlyTwoDeep() {
        assertThat(TeamAuthorization.start(new TeamAuthorization.Caller(WORKER, 1), WORKER, 0))
                .isInstanceOfSatisfying(Verdict.Refuse.class, r -> assertThat(r.reason()).contains("does not delegate"));
        assertThat(TeamAuthorization.start(new TeamAuthorization.Caller(LEAD, 1), WORKER, 0)).isInstanceOf(Verdict.Allow.class);
        assertThat(TeamAuthorization.start(new TeamAuthorization.Caller(LEAD, 2), WORKER, 0))
                .isInstanceOfSatisfying(Verdict.Refuse.class, r -> assertThat(r.reason()).contains("only 2 deep"));
        assertThat(TeamAuthorization.start(new TeamAuthorization.Caller(LEAD, 2), null, 0))
                .as("the depth is refused before an unknown type is named").isInstanceOf(Verdict.Refuse.class);
    }

    @Test
    void aTeammatesHostToolsAreThoseItsDefinitionLists() {
        assertThat(TeamAuthorization.hostTool(WORKER, HostTool.SEND_MESSAGE)).isInstanceOf(Verdict.Allow.class);
        assertThat(TeamAuthorization.hostTool(WORKER, HostTool.MEMORY_SEARCH)).isInstanceOf(Verdict.Allow.class);
        assertThat(TeamAuthorization.hostTool(WORKER, HostTool.SCHEDULE_TASK)).isInstanceOfSatisfying(Verdict.Refuse.class,
                r -> assertThat(r.reason()).contains("does not list it"));
        assertThat(TeamAuthorization.hostTool(LEAD, HostTool.SEND_MESSAGE)).isInstanceOf(Verdict.Refuse.class);
        assertThat(TeamAuthorization.hostTool(PLAIN, HostTool.SEND_MESSAGE)).as("no list: the default set")
                .isInstanceOf(Verdict.Allow.class);
        assertThat(TeamAuthorization.hostTool(PLAIN, HostTool.MEMORY_SEARCH)).as("but not the group's memory")
                .isInstanceOf(Verdict.Refuse.class);
        assertThat(TeamAuthorization.hostTool(PLAIN, HostTool.LIST_TASKS)).isInstanceOf(Verdict.Refuse.class);
    }

    @Test
    void noTeammateEverRegistersGroupsSendsGroupFilesOrStartsTeammatesWithoutDelegating() {
        AgentDefinition greedy = definition("greedy", "tools: [register_group, send_file, start_teammate, list_groups]\n");
        for (AgentDefinition d : new AgentDefinition[] {greedy, LEAD, WORKER, PLAIN}) {
            assertThat(TeamAuthorization.hostTool(d, HostTool.REGISTER_GROUP)).isInstanceOf(Verdict.Refuse.class);
            assertThat(TeamAuthorization.hostTool(d, HostTool.SEND_FILE)).isInstanceOf(Verdict.Refuse.class);
        }
        assertThat(TeamAuthorization.hostTool(greedy, HostTool.START_TEAMMATE)).isInstanceOf(Verdict.Refuse.class);
        assertThat(TeamAuthorization.hostTool(LEAD, HostTool.START_TEAMMATE)).isInstanceOf(Verdict.Allow.class);
        assertThat(TeamAuthorization.hostTool(greedy, HostTool.LIST_GROUPS)).as("listed: then hosttools decides as for a non-main group")
                .isInstanceOf(Verdict.Allow.class);
    }
}
