package dev.pincer.channel.email;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;

/**
 * How far the inbox has been read, kept in the channel's data folder so a restart neither reads a
 * mail twice nor misses one: the mailbox it belongs to, the folder's UIDVALIDITY, the last UID
 * handed in, and when the last mail handed in was received (what is newer is read when the UIDs
 * start over, i.e. UIDVALIDITY changed).
 *
 * @param mailbox     {@code user@host:port/folder}: a cursor of another mailbox does not count
 * @param uidValidity the folder's UIDVALIDITY; 0 before the first connection
 * @param lastUid     the last UID handed in
 * @param seenUntil   every mail received before this was handed in (or came before the channel's first start)
 */
record Cursor(String mailbox, long uidValidity, long lastUid, Instant seenUntil) {

    static final String FILE = "imap-cursor.properties";

    /**
     * A mailbox never read: everything received from {@code now} on is new (from the start of that
     * second, as IMAP gives a mail's arrival only to the second).
     */
    static Cursor fresh(String mailbox, Instant now) {
        return new Cursor(mailbox, 0, 0, now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether this cursor's UIDs still name the folder's mails. */
    boolean valid(String mailbox, long uidValidity, long uidNext) {
        return this.mailbox.equals(mailbox) && this.uidValidity == uidValidity && (uidNext <= 0 || uidNext > lastUid);
    }

    /** After handing in the mail {@code uid}, received at {@code received}. */
    Cursor advance(long uid, Instant received) {
        return new Cursor(mailbox, uidValidity, Math.max(lastUid, uid),
                received != null && received.isAfter(seenUntil) ? received : seenUntil);
    }

    static Optional<Cursor> load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return Optional.of(new Cursor(p.getProperty("mailbox", ""), Long.parseLong(p.getProperty("uidvalidity", "0")),
                    Long.parseLong(p.getProperty("lastuid", "0")), Instant.parse(p.getProperty("seenuntil"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); delete it to read only new mail", e);
        }
    }

    /** Writes the cursor (to a new file, then moved over the old one). */
    void save(Path dir) {
        Properties p = new Properties();
        p.setProperty("mailbox", mailbox);
        p.setProperty("uidvalidity", String.valueOf(uidValidity));
        p.setProperty("lastuid", String.valueOf(lastUid));
        p.setProperty("seenuntil", seenUntil.toString());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "the email channel's place in the mailbox");
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
