package dev.pincer.agent.hostcalls;

import dev.pincer.protocol.HostTool;
import java.util.List;

/** The host tools as the model sees them: Claude-style descriptions and input schemas, in a fixed order. */
public final class HostCallTools {
    private HostCallTools() {}

    private static final String SCHEDULE = """
            "schedule_type": {"type": "string", "enum": ["cron", "interval", "once"],
              "description": "cron: 5-field cron expression in the owner's time zone; interval: milliseconds between runs (runs at least a minute apart by default); once: a single run at a local ISO time"},
            "schedule_value": {"type": "string", "description": "e.g. '0 9 * * 1-5' (cron), '3600000' (interval), '2026-02-01T15:30:00' (once, local time; add an offset like +01:00 to be explicit)"},
            "context_mode": {"type": "string", "enum": ["group", "isolated"], "description": "group: the task runs in this group's conversation with its history (default); isolated: a fresh conversation"}""";

    private static final String TASK_ID = """
            "task_id": {"type": "string", "description": "The task's id, as list_tasks shows it"}""";

    /** The tools, in a fixed order. */
    public static List<dev.pincer.agent.tools.Tool> all(HostClient client) {
        return List.of(
                new HostCallTool(HostTool.SEND_MESSAGE, """
                        Sends a message to the chat right away, while you keep working (your final answer is sent \
                        anyway, so use this for progress updates or for several messages). Other groups can only send \
                        to their own chat; the main group may name any registered chat.""", """
                        {"type": "object", "properties": {
                          "text": {"type": "string", "description": "The message text"},
                          "sender": {"type": "string", "description": "Optional role name of the sub-agent who speaks (for swarms), e.g. 'researcher': 1-32 letters, digits, spaces, '-' or '_'; shown as '<assistant> · <role>'. Never a person's, a group's or your own name; when the group defines agents (agents/<type>.md) one of their types"},
                          "chat": {"type": "string", "description": "Main group only: the chat to send to, e.g. 'web:family'; default: this chat"}},
                         "required": ["text"], "additionalProperties": false}""", client),
                new HostCallTool(HostTool.SEND_FILE, """
                        Sends a file from the group's folder to the chat (a photo shows as a photo, anything else as a \
                        document): a report, a chart, a file someone sent earlier (/workspace/group/inbox/...). Write the \
                        file first, then send it; the host copies it as it is at the moment of the call. Files under \
                        /workspace/group only, no symbolic links, up to the size limit; some chat apps take no files.""", """
                        {"type": "object", "properties": {
                          "path": {"type": "string", "description": "The file, e.g. '/workspace/group/out/chart.png' (relative: to /workspace/group)"},
                          "caption": {"type": "string", "description": "Optional short text shown with the file"},
                          "sender": {"type": "string", "description": "Optional role name of the sub-agent who sends it, as in send_message"},
                          "chat": {"type": "string", "description": "Main group only: the chat to send to; default: this chat"}},
                         "required": ["path"], "additionalProperties": false}""", client),
                new HostCallTool(HostTool.SCHEDULE_TASK, """
                        Schedules a task: at the given times a run of the assistant gets the prompt and its answer goes to \
                        the group's chat. Use it for reminders and recurring jobs. Other groups can schedule only for \
                        themselves; the main group may set target_group.""", """
                        {"type": "object", "properties": {
                          "prompt": {"type": "string", "description": "What the task run should do, written as instructions to yourself"},
                        """ + SCHEDULE + """
                        ,
                          "target_group": {"type": "string", "description": "Main group only: the folder of the group the task belongs to"}},
                         "required": ["prompt", "schedule_type", "schedule_value"], "additionalProperties": false}""", client),
                new HostCallTool(HostTool.LIST_TASKS, "Lists scheduled tasks: this group's, or every group's in the main group.",
                        """
                        {"type": "object", "properties": {}, "additionalProperties": false}""", client),
                new HostCallTool(HostTool.PAUSE_TASK, "Pauses a scheduled task until resume_task.", taskIdOnly(), client),
                new HostCallTool(HostTool.RESUME_TASK, "Resumes a paused task.", taskIdOnly(), client),
                new HostCallTool(HostTool.CANCEL_TASK, "Cancels a scheduled task for good.", taskIdOnly(), client),
                new HostCallTool(HostTool.UPDATE_TASK, "Changes a scheduled task; give only the fields to change.", """
                        {"type": "object", "properties": {
                        """ + TASK_ID + """
                        ,
                          "prompt": {"type": "string", "description": "The new prompt"},
                        """ + SCHEDULE + """
                        },
                         "required": ["task_id"], "additionalProperties": false}""", client),
                new HostCallTool(HostTool.REGISTER_GROUP, """
                        Main group only: makes Pincer answer in another chat, as a group with its own folder, memory and \
                        sandbox. list_groups shows the chats Pincer has seen.""", """
                        {"type": "object", "properties": {
                          "chat": {"type": "string", "description": "The chat id, e.g. 'web:family' or 'tg:-100123'"},
                          "name": {"type": "string", "description": "A display name for the group"},
                          "folder": {"type": "string", "description": "The group's folder: 1-64 characters a-z, 0-9, '_' or '-'"},
                          "trigger": {"type": "string", "description": "The word that wakes the assistant, default '@' + its name"},
                          "requires_trigger": {"type": "boolean", "description": "false: answer every message (default true)"}},
                         "required": ["chat", "name", "folder"], "additionalProperties": false}""", client),
                new HostCallTool(HostTool.LIST_GROUPS, "Main group only: lists the chats Pincer has seen and which are registered groups.",
                        """
                        {"type": "object", "properties": {}, "additionalProperties": false}""", client),
                new HostCallTool(HostTool.MEMORY_SEARCH, """
                        Searches this group's long-term memory: conversations archived when a long conversation was \
                        compacted (conversations/*.md), the memory files (CLAUDE.md, agents/*/MEMORY.md), notes (notes/**) \
                        and the chat's earlier messages. Use it before saying you don't know something the user says was \
                        mentioned before, or when you need details of earlier work that is no longer in this conversation.

                        Full-text search ranked by relevance (BM25): give a few distinctive words, not a question. Results \
                        contain all the words; when none do, any of them ("match": "any"). Put an exact phrase in double \
                        quotes; end a word with * to match its beginning (garden*). Each result names its source: a file \
                        path and line you can Read for the full text, or a chat message (chat, seq, time, sender); the \
                        snippet shows the matched words in **bold**; a higher score is a better match.""", """
                        {"type": "object", "properties": {
                          "query": {"type": "string", "description": "Words to search for, e.g. 'spare key' or '\\"blue flowerpot\\" garden*'"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 50, "description": "How many results at most (default 10)"},
                          "group": {"type": "string", "description": "Main group only: the folder of another group to search, or '*' for every group; default: this group"}},
                         "required": ["query"], "additionalProperties": false}""", client));
    }

    private static String taskIdOnly() {
        return """
                {"type": "object", "properties": {
                """ + TASK_ID + """
                }, "required": ["task_id"], "additionalProperties": false}""";
    }
}
