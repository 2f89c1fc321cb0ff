package dev.pincer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Wire names are the constants' names in lower case; the tool names are pinned, the agent and the host both speak them. */
class WireNamedTest {

    @Test
    void hostToolsAreWrittenAsTheirToolNames() {
        assertThat(Arrays.stream(HostTool.values()).map(HostTool::wireName)).containsExactly(
                "send_message", "send_file", "schedule_task", "list_tasks", "pause_task", "resume_task", "cancel_task",
                "update_task", "register_group", "list_groups", "memory_search", "start_teammate");
    }

    @Test
    void aConstantIsFoundByItsWireNameOnly() {
        assertThat(WireNamed.byWireName(HostTool.class, "list_groups")).contains(HostTool.LIST_GROUPS);
        assertThat(WireNamed.byWireName(HostTool.class, "LIST_GROUPS")).as("not by the Java name").isEmpty();
        assertThat(WireNamed.byWireName(HostTool.class, "")).isEmpty();
    }
}
