package dev.pincer.host.media;

import dev.pincer.host.channel.Inbound;

/**
 * A file that came with a message, as Pincer kept it.
 *
 * @param messageId the platform id of its message (unique within the chat)
 * @param kind      image, voice, document...
 * @param stored    where it is and what was made of it; its {@code problem} says why it is not there
 */
public record Attachment(long id, String messageId, Inbound.Attachment.Kind kind, String name, String mimeType, Stored stored) {

    /**
     * @param path       relative to the group's media folder, e.g. {@code 2026-12/3fa9c2d1b0e4-cat.jpg}; null when not stored
     * @param size       bytes
     * @param view       what the model is given instead of the original, relative to the media folder: a
     *                   downscaled image, or a PDF's text; null when the original serves
     * @param transcript what a voice note or an audio file says, when transcribed
     * @param problem    why it was not stored or not understood (too large, undecodable, not fetched), or null
     */
    public record Stored(String path, long size, String view, String transcript, String problem) {}

    public boolean available() {
        return stored.path() != null;
    }
}
