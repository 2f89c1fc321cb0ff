package dev.pincer.host.sandbox;

/**
 * Result of a runtime's self-test.
 *
 * @param ok whether sandboxes can be started
 * @param detail what was observed
 * @param fix what the user should do (empty when ok)
 */
public record SelfTest(boolean ok, String detail, String fix) {
    public static SelfTest passed(String detail) {
        return new SelfTest(true, detail, "");
    }

    public static SelfTest failed(String detail, String fix) {
        return new SelfTest(false, detail, fix);
    }
}
