package dev.pincer.agent.media;

import dev.pincer.agent.llm.ContentBlock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prompt becomes for the model: its text, and right after each {@code <attachment>} element
 * that names an image or a PDF, that file as an {@code image} or {@code document} block. An image is
 * read from its view (the host's downscaled copy) when there is one, else from the original, and
 * must be a JPEG, PNG, GIF or WebP (told by its bytes, not its name); a PDF is given whole up to
 * {@value #DOCUMENT_MAX_MB} MB and about {@value #DOCUMENT_MAX_PAGES} pages, else the model is pointed
 * at its extracted text. Files are read only from the inbox ({@link InboxFiles}). Anything that cannot
 * be shown becomes a short text note in its place; nothing here fails a run.
 */
public final class PromptFiles {
    /** The Messages API takes images up to 5 MB. */
    static final int IMAGE_MAX_MB = 5;
    /** Well under the API's 32 MB per request, which the base64 form (a third larger) must fit. */
    static final int DOCUMENT_MAX_MB = 10;
    /** The Messages API takes at most 100 PDF pages per request. */
    static final int DOCUMENT_MAX_PAGES = 100;
    /** All files of one prompt together. */
    static final int PROMPT_MAX_MB = 20;
    /** Files shown from one prompt; the rest are only named. */
    static final int PROMPT_MAX_FILES = 20;
    static final String PDF = "application/pdf";
    private static final long MB = 1_048_576L;
    private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page(?![A-Za-z])");

    private final InboxFiles inbox;

    /** @param inbox where {@code /workspace/group/inbox} is on this machine (a temp folder in tests) */
    public PromptFiles(Path inbox) {
        this.inbox = new InboxFiles(inbox);
    }

    /** The content blocks of {@code prompt}: its text (blank stretches left out), each image or PDF after its element. */
    public List<ContentBlock> expand(String prompt) {
        List<ContentBlock> blocks = new ArrayList<>();
        int from = 0;
        int shown = 0;
        long bytes = 0;
        for (AttachmentElement e : AttachmentElement.find(prompt)) {
            if (e.problem() != null || e.path() == null || !(e.isImage() || e.isPdf())) {
                continue; // the element itself says why, or the agent opens the file with its tools
            }
            addText(blocks, prompt.substring(from, e.end()));
            from = e.end();
            ContentBlock.FileRef file = new ContentBlock.FileRef(e.isImage() && e.view() != null ? e.view() : e.path(),
                    e.shownName(), e.isImage() ? null : e.view());
            ContentBlock block = shown >= PROMPT_MAX_FILES
                    ? note(file, "more than " + PROMPT_MAX_FILES + " files came at once")
                    : e.isImage() ? image(file) : document(file);
            long size = dataBytes(block);
            if (bytes + size > PROMPT_MAX_MB * MB) {
                block = note(file, "the files of this prompt together are more than the " + PROMPT_MAX_MB + " MB a model is given");
                size = 0;
            }
            shown += size > 0 ? 1 : 0;
            bytes += size;
            blocks.add(block);
        }
        addText(blocks, prompt.substring(from));
        return blocks;
    }

    /** The image at {@code file.path()}, or a note why it cannot be shown. */
    public ContentBlock image(ContentBlock.FileRef file) {
        try {
            byte[] data = inbox.read(file.path(), IMAGE_MAX_MB * MB);
            String type = imageType(data);
            if (type == null) {
                return note(file, "it is not a JPEG, PNG, GIF or WebP image");
            }
            return new ContentBlock.Image(ContentBlock.Source.base64(type, data), file);
        } catch (InboxFiles.Refused r) {
            return note(file, r.getMessage());
        }
    }

    /** The PDF at {@code file.path()}, or a note why it cannot be shown (naming its text view). */
    public ContentBlock document(ContentBlock.FileRef file) {
        try {
            byte[] data = inbox.read(file.path(), DOCUMENT_MAX_MB * MB);
            if (!startsWith(data, "%PDF-")) {
                return note(file, "it is not a PDF");
            }
            int pages = pages(data);
            if (pages > DOCUMENT_MAX_PAGES) {
                return note(file, "it has about " + pages + " pages, more than the " + DOCUMENT_MAX_PAGES + " a model is given");
            }
            return new ContentBlock.Document(ContentBlock.Source.base64(PDF, data), file.name(), file);
        } catch (InboxFiles.Refused r) {
            return note(file, r.getMessage());
        }
    }

    /** Says why {@code file} is not shown, and where the agent can look instead. */
    static ContentBlock.Text note(ContentBlock.FileRef file, String why) {
        String instead = file.textView() != null ? "; its text is at " + file.textView() : "";
        return new ContentBlock.Text("[" + file.name() + " is not shown to you: " + why + instead + "]");
    }

    /**
     * The pages of a PDF as counted from its page objects; a PDF that keeps them in compressed
     * object streams counts 0 and is given as it is (the API then judges it).
     */
    static int pages(byte[] pdf) {
        Matcher m = PAGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The media type of an image by its first bytes, or null when it is none the API takes. */
    static String imageType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 8 && Arrays.equals(b, 0, 8, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, 8)) {
            return "image/png";
        }
        if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) {
            return "image/gif";
        }
        if (b.length >= 12 && startsWith(b, "RIFF") && new String(b, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return "image/webp";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, String ascii) {
        byte[] p = ascii.getBytes(StandardCharsets.ISO_8859_1);
        return b.length >= p.length && Arrays.equals(b, 0, p.length, p, 0, p.length);
    }

    /** The decoded size of a media block's data; 0 for anything else. */
    private static long dataBytes(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Image i -> i.source().data().length() / 4L * 3;
            case ContentBlock.Document d -> d.source().data().length() / 4L * 3;
            default -> 0;
        };
    }

    private static void addText(List<ContentBlock> blocks, String text) {
        if (!text.isBlank()) {
            blocks.add(new ContentBlock.Text(text));
        }
    }
}
