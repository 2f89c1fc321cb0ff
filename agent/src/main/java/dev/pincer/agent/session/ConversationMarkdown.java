package dev.pincer.agent.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation as readable markdown: one section per message, tool calls with their JSON input
 * and tool results in fenced blocks (fences longer than any backtick run inside, so nothing breaks
 * out of them), images and documents as a placeholder with their name ({@code [image: cat.jpg]}).
 * Used for the archive and as the text the model summarises.
 */
public final class ConversationMarkdown {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final int SLUG_CHARS = 48;

    private final ObjectMapper mapper;

    public ConversationMarkdown(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Every message of {@code messages}, in order, under {@code title}. */
    public String render(String title, List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n");
        for (ChatMessage m : messages) {
            sb.append("\n## ").append(m.isUser() ? "User" : "Assistant").append("\n");
            for (ContentBlock b : m.content()) {
                sb.append('\n');
                appendBlock(sb, b);
            }
        }
        return sb.toString();
    }

    private void appendBlock(StringBuilder sb, ContentBlock b) {
        switch (b) {
            case ContentBlock.Text t -> sb.append(t.text().strip()).append('\n');
            case ContentBlock.ToolUse u -> {
                sb.append("**Tool call** `").append(u.name()).append("` (").append(u.id()).append(")\n\n");
                fenced(sb, "json", pretty(u.input()));
            }
            case ContentBlock.ToolResult r -> {
                sb.append("**Tool result** (").append(r.toolUseId()).append(r.isError() ? ", error" : "").append(")\n\n");
                fenced(sb, "", r.content());
            }
            // never the data: a short placeholder naming the file
            case ContentBlock.Image i -> sb.append(placeholder("image", i.file())).append('\n');
            case ContentBlock.Document d -> sb.append(placeholder("document", d.file())).append('\n');
            case ContentBlock.ServerToolUse s -> other(sb, s);
            case ContentBlock.WebSearchResult w -> other(sb, w);
        }
    }

    private void other(StringBuilder sb, ContentBlock b) {
        sb.append("**").append(b.getClass().getSimpleName()).append("**\n\n");
        fenced(sb, "json", pretty(b));
    }

    /** {@code [image: cat.jpg]}, or {@code [image]} for one that came from no file. */
    static String placeholder(String kind, ContentBlock.FileRef file) {
        return "[" + kind + (file == null ? "" : ": " + file.name().replace("]", ")")) + "]";
    }

    private String pretty(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static void fenced(StringBuilder sb, String lang, String text) {
        int longest = 2;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(longest + 1);
        sb.append(fence).append(lang).append('\n').append(text.stripTrailing()).append('\n').append(fence).append('\n');
    }

    /**
     * A file-name slug from the first user text that is not a summary: tags removed, lower-case
     * ASCII words joined by {@code -}, at most {@value #SLUG_CHARS} characters; {@code conversation} when nothing is left.
     */
    public static String slug(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (!m.isUser()) {
                continue;
            }
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.Text t && !Compactor.isSummary(t.text())) {
                    String s = slugOf(t.text());
                    if (!s.isEmpty()) {
                        return s;
                    }
                }
            }
        }
        return "conversation";
    }

    static String slugOf(String text) {
        String plain = Normalizer.normalize(TAG.matcher(text).replaceAll(" "), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String words = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (words.length() <= SLUG_CHARS) {
            return words;
        }
        String cut = words.substring(0, SLUG_CHARS);
        int dash = cut.lastIndexOf('-');
        return (dash > 8 ? cut.substring(0, dash) : cut).replaceAll("-+$", "");
    }
}
