package dev.pincer.host.media;

import dev.pincer.protocol.SandboxPaths;
import java.util.List;
import java.util.Locale;

/**
 * How a message's files appear in the prompt, after its text: one {@code <attachment>} element each,
 * with the path the agent opens inside its sandbox, the view the model is shown (a scaled image, a
 * PDF's text), a voice note's transcript marked as such, or why it is missing. The agent turns image
 * and document elements into the model's content blocks; every value here is escaped like message text.
 */
public final class AttachmentTags {
    private AttachmentTags() {}

    /** The elements for {@code attachments}, each on its own line; "" for none. */
    public static String of(List<Attachment> attachments, java.util.function.UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder();
        for (Attachment a : attachments) {
            Attachment.Stored s = a.stored();
            sb.append("\n<attachment kind=\"").append(a.kind().name().toLowerCase(Locale.ROOT)).append('"');
            attr(sb, "name", a.name(), escape);
            attr(sb, "type", a.mimeType(), escape);
            if (s.path() != null) {
                attr(sb, "path", SandboxPaths.INBOX + "/" + s.path(), escape);
                attr(sb, "view", s.view() == null ? null : SandboxPaths.INBOX + "/" + s.view(), escape);
            }
            attr(sb, "problem", s.problem(), escape);
            if (s.transcript() != null) {
                sb.append("><transcript>").append(escape.apply(s.transcript())).append("</transcript></attachment>");
            } else {
                sb.append("/>");
            }
        }
        return sb.toString();
    }

    private static void attr(StringBuilder sb, String name, String value, java.util.function.UnaryOperator<String> escape) {
        if (value != null) {
            sb.append(' ').append(name).append("=\"").append(escape.apply(value)).append('"');
        }
    }
}
