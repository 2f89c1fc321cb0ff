package dev.pincer.host.config;

import java.util.regex.Pattern;

/** Group folder names: {@code [a-z0-9][a-z0-9_-]{0,63}}, so no name can traverse out of its parent. */
public final class GroupFolder {
    private GroupFolder() {}

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Folders with a fixed meaning that no registered group may take. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("global");

    public static boolean isValid(String folder) {
        return folder != null && VALID.matcher(folder).matches();
    }

    /** Returns {@code folder} or throws with a message a user can act on. */
    public static String check(String folder) {
        if (!isValid(folder)) {
            throw new IllegalArgumentException("invalid group folder name " + (folder == null ? "null" : "'" + folder + "'")
                    + ": use 1-64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return folder;
    }

    /** Like {@link #check} but also refuses reserved names such as {@code global}. */
    public static String checkAssignable(String folder) {
        check(folder);
        if (RESERVED.contains(folder)) {
            throw new IllegalArgumentException("group folder '" + folder + "' is reserved");
        }
        return folder;
    }
}
