package dev.pincer.agent.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code <attachment kind=".." name=".." type=".." path=".." view=".." problem=".."/>} element of a
 * prompt, its attribute values unescaped. Only the host writes such elements: the text of a message is
 * escaped, so a user cannot type one.
 *
 * @param end   where the element's opening (or only) tag ends in the prompt
 * @param attrs its attributes by name
 */
record AttachmentElement(int end, Map<String, String> attrs) {
    private static final Pattern TAG = Pattern.compile("<attachment\\s([^<>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-z_]+)=\"([^\"<>]*)\"");

    AttachmentElement {
        attrs = Map.copyOf(attrs);
    }

    /** The elements of {@code prompt}, in order. */
    static List<AttachmentElement> find(String prompt) {
        List<AttachmentElement> found = new ArrayList<>();
        Matcher tag = TAG.matcher(prompt);
        while (tag.find()) {
            Map<String, String> attrs = new HashMap<>();
            Matcher a = ATTR.matcher(tag.group(1));
            while (a.find()) {
                attrs.putIfAbsent(a.group(1), unescape(a.group(2)));
            }
            found.add(new AttachmentElement(tag.end(), attrs));
        }
        return found;
    }

    /** image, voice, audio, video, document, sticker or other. */
    String kind() {
        return attrs.getOrDefault("kind", "other");
    }

    /** The media type the platform gave, lower-case; "" when none. */
    String type() {
        return attrs.getOrDefault("type", "").toLowerCase(Locale.ROOT);
    }

    /** The file in the sandbox, null when it was not stored. */
    String path() {
        return attrs.get("path");
    }

    /** What the model is shown instead (a scaled image, a PDF's text), or null. */
    String view() {
        return attrs.get("view");
    }

    /** Why the file was not stored or not understood, or null. */
    String problem() {
        return attrs.get("problem");
    }

    /** The name to show: the one the user sent, else the file's own. */
    String shownName() {
        String name = attrs.get("name");
        if (name != null && !name.isBlank()) {
            return name;
        }
        return path() == null ? kind() : path().substring(path().lastIndexOf('/') + 1);
    }

    boolean isImage() {
        return kind().equals("image") || type().startsWith("image/");
    }

    boolean isPdf() {
        String name = attrs.getOrDefault("name", "");
        return type().equals("application/pdf") || name.toLowerCase(Locale.ROOT).endsWith(".pdf");
    }

    /** The five entities the host's escaping writes; {@code &amp;} last, so {@code &amp;lt;} stays {@code &lt;}. */
    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
