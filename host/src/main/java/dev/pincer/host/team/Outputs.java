package dev.pincer.host.team;

import dev.pincer.host.ipc.IpcInbox;
import dev.pincer.host.ipc.TakenFile;
import dev.pincer.host.outbox.Replies;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a teammate's sandbox writes into its {@code output/}: each file taken out of its reach and
 * read like the group's outputs ({@link IpcInbox}). Its messages are not for the chat: together they
 * are its report to the agent that started it. Typing, drafts and tool calls are only shown work and
 * are dropped; its {@code result} ends it.
 */
final class Outputs {

    private static final Logger log = LoggerFactory.getLogger(Outputs.class);
    /** The longest report handed back; the rest is cut with a note (the answer must fit one IPC file). */
    static final int MAX_REPORT = 200_000;

    private final IpcInbox output;
    private final String who;
    private final StringBuilder report = new StringBuilder();
    private AgentOutput.Result result;

    Outputs(IpcInbox output, String who) {
        this.output = output;
        this.who = who;
    }

    /** Reads every finished file now in {@code output/}. */
    synchronized void drain() {
        try {
            for (String name : output.names()) {
                if (IpcFiles.isIpcName(name)) {
                    read(name);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the output of teammate {}: {}", who, e.toString());
        }
    }

    private void read(String name) {
        TakenFile file;
        try {
            file = output.take(name);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            log.warn("cannot take output {} of teammate {}: {}", name, who, e.toString());
            return;
        }
        try {
            switch (Json.MAPPER.readValue(file.read(), AgentOutput.class)) {
                case AgentOutput.Message m -> add(Replies.strip(m.text() == null ? "" : m.text()));
                case AgentOutput.Result r -> result = r;
                default -> { } // typing, drafts and tool calls only show work
            }
        } catch (IOException | RuntimeException e) {
            log.warn("teammate {} wrote an unreadable output {}: {}", who, name, e.toString());
        }
        try {
            file.delete();
        } catch (IOException e) {
            log.warn("cannot delete output {} of teammate {}: {}", name, who, e.toString());
        }
    }

    private void add(String text) {
        if (text.isBlank() || report.length() >= MAX_REPORT) {
            return;
        }
        if (!report.isEmpty()) {
            report.append("\n\n");
        }
        report.append(text, 0, Math.min(text.length(), MAX_REPORT - report.length()));
        if (report.length() >= MAX_REPORT) {
            report.append("\n[the rest of the report was cut at ").append(MAX_REPORT).append(" characters]");
        }
    }

    synchronized AgentOutput.Result result() {
        return result;
    }

    synchronized String report() {
        return report.toString();
    }
}
