package dev.pincer.host.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Role names a sub-agent speaks under, and the key two names are compared by.
 *
 * <p>A role name is 1-32 letters, digits, spaces, {@code -} and {@code _}, with at least one letter
 * or digit, no invisible character, and letters of one script only (a Latin name with one Cyrillic
 * {@code а} in it is a spoof, not a role).
 *
 * <p>{@link #skeleton} is what "the same name" means: NFKC (fullwidth and compatibility forms fold
 * to plain letters), invisible characters removed (zero-width spaces and joiners, bidi controls,
 * soft hyphens, tags, variation selectors, Hangul fillers), accents removed, Cyrillic and Greek
 * letters that look like Latin ones mapped to them, case folded, {@code -} and {@code _} read as
 * spaces, runs of spaces collapsed, and the usual lookalike sequences merged ({@code rn}/{@code m},
 * {@code vv}/{@code w}, {@code 0}/{@code o}, {@code 1}/{@code I}/{@code l}/{@code i}). It is
 * deliberately coarse: two names with one skeleton may look different, but two names that look
 * alike share one.
 */
public final class RoleNames {
    private RoleNames() {}

    public static final int MAX_LENGTH = 32;

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{M}\\p{Nd} _-]{1," + MAX_LENGTH + "}");
    private static final Pattern SPACES = Pattern.compile("[\\s_-]+");

    /** Letters of other scripts that look like Latin ones, and the Latin letter each looks like. */
    private static final String LOOKALIKES =
            "АAВBЕEКKМMНHОOРPСCТTУYХXІIЈJЅSҮYҺHԚQԜWӀl" // Cyrillic capitals
            + "аaеeоoрpсcуyхxіiјjѕsԁdԛqԝwһhӏlɡg" // Cyrillic small (and Latin script g)
            + "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX" // Greek capitals
            + "αaοoρpνvιiυuγyıiȷj"; // Greek small, dotless i and j

    /** Whether {@code name} (already stripped) may be a sub-agent's name. */
    public static boolean isValid(String name) {
        if (name == null || !VALID.matcher(name).matches() || name.codePoints().anyMatch(RoleNames::invisible)) {
            return false;
        }
        if (name.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return false;
        }
        return name.codePoints().filter(Character::isLetter).mapToObj(Character.UnicodeScript::of)
                .filter(s -> s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED)
                .distinct().count() <= 1;
    }

    /** {@code name} stripped, with each run of spaces made one space. */
    public static String tidy(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ");
    }

    /** The comparison key of a name (see the class comment); any string, a person's name included. */
    public static String skeleton(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder visible = new StringBuilder(s.length());
        s.codePoints().filter(c -> !invisible(c)).forEach(visible::appendCodePoint);
        s = Normalizer.normalize(visible, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK
                        && Character.getType(c) != Character.ENCLOSING_MARK && Character.getType(c) != Character.COMBINING_SPACING_MARK)
                .map(RoleNames::latin).forEach(out::appendCodePoint);
        String folded = SPACES.matcher(out.toString().toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return folded.replace("rn", "m").replace("vv", "w").replace('0', 'o')
                .replace('1', 'l').replace('i', 'l').replace('|', 'l');
    }

    private static int latin(int c) {
        int at = LOOKALIKES.indexOf(c);
        return at >= 0 && at % 2 == 0 && c > 0x7f ? LOOKALIKES.charAt(at + 1) : c;
    }

    /** Characters that show as nothing: format controls, variation selectors, fillers. */
    static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.CONTROL
                || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x180E
                || c >= 0x180B && c <= 0x180F || c == 0x2800 || c == 0x3164 || c == 0xFFA0
                || c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF;
    }
}
