/**
 * The files that came with the user's messages, on their way to the model: {@code PromptFiles}
 * turns each {@code <attachment>} element the host put into a prompt into an image or document
 * content block, reading only regular files under the read-only inbox ({@code InboxFiles}), capped
 * in size; whatever cannot be shown becomes a short text note. Depends on {@code llm} (the content
 * blocks) and {@code protocol}.
 */
package dev.pincer.agent.media;
