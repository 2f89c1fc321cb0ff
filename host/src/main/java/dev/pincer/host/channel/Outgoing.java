package dev.pincer.host.channel;

/**
 * One part of a reply, ready for {@link Channel#send}.
 *
 * @param chatId  the chat, with its prefix
 * @param text    the part, already {@link Channel#format formatted} and within the length limit
 * @param speaker who speaks: the assistant, or one of its sub-agents ({@link Speaker#shown()})
 * @param replyTo what the reply answers, so a threaded conversation stays in its thread; null for none
 * @param part    its position: 1 of 1 for a short reply
 */
public record Outgoing(String chatId, String text, Speaker speaker, ReplyTo replyTo, Part part) {

    /**
     * The message a reply answers.
     *
     * @param messageId the platform id of the triggering message
     * @param threadId  its thread, or null
     * @param isReply   the triggering message was itself a reply (Telegram then replies to it)
     */
    public record ReplyTo(String messageId, String threadId, boolean isReply) {}

    /** Part {@code index} (1-based) of {@code count}. */
    public record Part(int index, int count) {
        public static final Part ONLY = new Part(1, 1);
    }
}
