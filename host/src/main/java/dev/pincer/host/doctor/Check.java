package dev.pincer.host.doctor;

/**
 * One line of the {@code doctor} report.
 *
 * @param fix  what to do when {@code ok} is false
 * @param info shown but never fails the check (e.g. a runtime {@code auto} did not pick)
 */
public record Check(String name, boolean ok, String detail, String fix, boolean info) {

    public Check(String name, boolean ok, String detail, String fix) {
        this(name, ok, detail, fix, false);
    }

    /** A line shown for information only. */
    public static Check info(String name, String detail) {
        return new Check(name, true, detail, "", true);
    }
}
