package dev.pincer.host.channel;

import java.util.Set;

/**
 * How a platform takes a file: an image of one of {@code photoTypes} up to {@code maxPhoto} bytes
 * goes as a photo (shown in the chat), anything else as a document up to {@code maxDocument} bytes;
 * a larger file is refused for good ({@link Undeliverable}), with the limit in the message.
 *
 * @param platform the name the refusal gives, e.g. {@code WhatsApp}
 */
public record FileLimits(String platform, Set<String> photoTypes, long maxPhoto, long maxDocument) {

    public FileLimits {
        photoTypes = Set.copyOf(photoTypes);
    }

    /** Whether the file goes as a photo; throws when the platform takes it in no form. */
    public boolean asPhoto(OutgoingFile.FileRef f) throws Undeliverable {
        if (f.image() && photoTypes.contains(f.mimeType()) && f.size() <= maxPhoto) {
            return true;
        }
        if (f.size() > maxDocument) {
            throw new Undeliverable("the file " + f.name() + " is " + (f.size() >> 20) + " MB; " + platform
                    + " takes files up to " + (maxDocument >> 20) + " MB");
        }
        return false;
    }
}
