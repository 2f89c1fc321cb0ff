package dev.pincer.host.media;

import java.text.Normalizer;

/** File names as Pincer stores them: never a path, never a control character, never hidden. */
final class SafeNames {
    private SafeNames() {}

    static final int MAX = 80;

    /**
     * A name made of letters, digits, {@code . _ -} only, from whatever the platform said (which may
     * be {@code ../../etc/passwd}, contain control characters, or be missing).
     */
    static String of(String name, String fallback) {
        String n = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFKD);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1).replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._-]+", "").replaceAll("_+", "_");
        if (n.isEmpty() || n.equals("_")) {
            n = fallback;
        }
        if (n.length() > MAX) {
            int dot = n.lastIndexOf('.');
            String ext = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
            n = n.substring(0, MAX - ext.length()) + ext;
        }
        return n;
    }
}
