package dev.pincer.host.channel;

import java.nio.file.Path;

/**
 * A file to send to a chat ({@link Channel#sendFile}): the host opened and checked it; the channel
 * reads it from {@code file.path()}.
 *
 * @param caption a short text shown with it, or null
 * @param replyTo what it answers, or null
 */
public record OutgoingFile(String chatId, FileRef file, String caption, Speaker speaker, Outgoing.ReplyTo replyTo) {

    /**
     * @param path     where the host put a copy of it for the channel to read (never a path inside a sandbox)
     * @param name     the file name to show
     * @param mimeType its type, e.g. {@code application/pdf}
     * @param size     its size in bytes
     */
    public record FileRef(Path path, String name, String mimeType, long size) {
        public boolean image() {
            return mimeType != null && mimeType.startsWith("image/");
        }
    }
}
