package dev.pincer.agent.session;

import dev.pincer.agent.llm.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where a compaction keeps the whole conversation before it is summarised: one markdown file per
 * compaction, named by date and the conversation's first words, never overwriting another.
 *
 * @param dir      the group's {@code conversations/} folder, created when needed
 * @param clock    dates the files
 * @param markdown how a conversation is written as markdown
 */
public record ConversationArchive(Path dir, Clock clock, ConversationMarkdown markdown) {
    private static final DateTimeFormatter TITLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Writes {@code messages} of session {@code sessionId} to a new file; returns the file. */
    public Path write(String sessionId, List<ChatMessage> messages) throws IOException {
        Files.createDirectories(dir);
        ZonedDateTime now = ZonedDateTime.now(clock);
        String base = LocalDate.from(now) + "-" + ConversationMarkdown.slug(messages);
        String text = markdown.render("Conversation archived " + TITLE_TIME.format(now), messages)
                .replaceFirst("\n", "\n\nSession " + sessionId + ", " + messages.size() + " messages.\n");
        for (int n = 1; ; n++) {
            Path file = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".md");
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return file;
            } catch (FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw e;
                }
            }
        }
    }
}
