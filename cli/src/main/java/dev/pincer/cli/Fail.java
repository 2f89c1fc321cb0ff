package dev.pincer.cli;

/**
 * A command ends here: {@link Main} prints {@code pincer: <reason>} on one line and exits with
 * {@link #status()} (1 unless given).
 */
final class Fail extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    Fail(String reason) {
        this(reason, 1);
    }

    Fail(String reason, int status) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
