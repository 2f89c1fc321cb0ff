package dev.pincer.channel.email;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Reconnect;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection to the watched folder (a {@link Reconnect.Session}): logs in, opens the
 * folder read-only (nothing is marked read or moved), hands in what arrived since the saved
 * {@link Cursor}, then waits for new mail with IDLE (renewed every {@code keepAlive}) or, on a
 * server without IDLE, by polling. Returns or throws when the connection is lost.
 */
final class InboxWatcher implements Reconnect.Session {

    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);
    /** How far back the server's date search reaches when the UIDs start over (it searches by day, in its own time zone). */
    private static final Duration DATE_SLACK = Duration.ofDays(1);

    private final Session session;
    private final EmailSettings settings;
    private final MailReader reader;
    private final Correspondence recent;
    private final ChannelContext context;
    private volatile Cursor cursor;
    private volatile Store store;

    InboxWatcher(Session session, EmailSettings settings, Correspondence recent, ChannelContext context, Cursor cursor) {
        this.session = session;
        this.settings = settings;
        this.reader = new MailReader(settings.address());
        this.recent = recent;
        this.context = context;
        this.cursor = cursor;
    }

    @Override
    public void run(Runnable connected) throws Exception {
        MailServer imap = settings.imap();
        Store s = session.getStore(imap.protocol().scheme());
        store = s;
        try {
            s.connect(imap.host(), imap.port(), imap.user(), imap.password());
            IMAPFolder folder = (IMAPFolder) s.getFolder(imap.folder());
            if (!folder.exists()) {
                throw new IllegalStateException("there is no folder '" + imap.folder() + "' in the mailbox " + imap.shown());
            }
            folder.open(Folder.READ_ONLY);
            connected.run();
            catchUp(folder);
            boolean idle = settings.timing().useIdle() && ((IMAPStore) s).hasCapability("IDLE");
            log.info("email: watching {} ({})", settings.mailbox(), idle ? "IDLE" : "polling every "
                    + settings.timing().pollEvery().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
            Thread keeper = null;
            if (idle) {
                keeper = keepAlive(folder);
                folder.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent e) {
                        Thread.ofVirtual().name("email-new-mail").start(() -> noop(folder));
                    }
                });
            }
            try {
                watch(folder, idle);
            } finally {
                if (keeper != null) {
                    keeper.interrupt();
                }
            }
        } catch (MessagingException e) {
            throw new MessagingException("IMAP " + imap.shown() + ": " + MailErrors.describe(e), e);
        } finally {
            store = null;
            close(s);
        }
    }

    private void watch(IMAPFolder folder, boolean idle) throws MessagingException, IOException, InterruptedException {
        while (true) {
            if (idle) {
                folder.idle(true);
            } else {
                Thread.sleep(settings.timing().pollEvery());
                folder.getMessageCount(); // a NOOP: the server tells what arrived
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            if (!folder.isOpen()) {
                throw new FolderClosedException(folder, "the IMAP server closed the folder");
            }
            readNew(folder);
        }
    }

    /** Renews the IDLE every {@code keepAlive} (the watch loop starts the next). */
    private Thread keepAlive(IMAPFolder folder) {
        return Thread.ofVirtual().name("email-keepalive").start(() -> {
            try {
                do {
                    Thread.sleep(settings.timing().keepAlive());
                } while (noop(folder));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the connection ended
            }
        });
    }

    /**
     * A NOOP, which ends a running IDLE so the watch loop reads what came. Also sent when the server
     * announced new mail while the IDLE was being started (some servers do): that IDLE would
     * otherwise wait for the next mail. Returns false when the connection is gone.
     */
    private static boolean noop(IMAPFolder folder) {
        try {
            folder.doCommand(p -> {
                p.noop();
                return null;
            });
            return true;
        } catch (MessagingException | IllegalStateException e) {
            log.debug("email: NOOP failed ({}); the watch loop reconnects", e.getMessage());
            return false;
        }
    }

    /** Right after connecting: reads what came since the cursor, by UID, or by date when the UIDs started over. */
    private void catchUp(IMAPFolder folder) throws MessagingException, IOException {
        long validity = folder.getUIDValidity();
        long uidNext = folder.getUIDNext();
        if (cursor.valid(settings.mailbox(), validity, uidNext)) {
            readNew(folder);
            return;
        }
        Instant since = cursor.seenUntil();
        log.info("email: {} in {}; reading the mail received since {}", cursor.uidValidity() == 0
                ? "first connection" : "the UIDs started over (UIDVALIDITY changed)", settings.mailbox(), since);
        // What is in the folder now is what the search below looks at: not UIDNEXT - 1, as a server may
        // give a UID to a mail it is still storing (GreenMail does), and that mail must stay new.
        long top = lastUid(folder);
        cursor = new Cursor(settings.mailbox(), validity, 0, since);
        Message[] found = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since.minus(DATE_SLACK))));
        for (Message m : byUid(folder, found)) {
            Date received = m.getReceivedDate();
            if (received == null || !received.toInstant().isBefore(since)) {
                handIn(folder, m);
            } else {
                cursor = cursor.advance(folder.getUID(m), null); // arrived before: passed over for good
                cursor.save(settings.dataDir());
            }
        }
        cursor = new Cursor(cursor.mailbox(), validity, Math.max(cursor.lastUid(), top), cursor.seenUntil());
        cursor.save(settings.dataDir());
        readNew(folder);
    }

    /**
     * Hands in every mail with a UID above the cursor's, oldest first. A mail that arrives while the
     * UIDs are fetched is announced in the same answer, after them: it is looked for once more, as
     * no IDLE would tell of it again.
     */
    private void readNew(IMAPFolder folder) throws MessagingException, IOException {
        for (int round = 0; round < 3; round++) {
            long after = cursor.lastUid();
            Message[] found = folder.getMessagesByUID(after + 1, UIDFolder.MAXUID);
            for (Message m : byUid(folder, found)) {
                if (folder.getUID(m) > after) { // "n:*" also names the last mail when n is past it
                    handIn(folder, m);
                }
            }
            int total = folder.getMessageCount();
            if (total == 0 || folder.getUID(folder.getMessage(total)) <= cursor.lastUid()) {
                return;
            }
        }
    }

    private List<Message> byUid(IMAPFolder folder, Message[] found) throws MessagingException {
        Message[] ms = Arrays.stream(found).filter(Objects::nonNull).toArray(Message[]::new);
        FetchProfile fp = new FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(FetchProfile.Item.ENVELOPE);
        folder.fetch(ms, fp);
        return Arrays.stream(ms).sorted(Comparator.comparingLong(m -> uid(folder, m))).toList();
    }

    private static long uid(IMAPFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException("no UID for a mail: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one mail and hands it to the core, then moves the cursor past it. A mail that cannot be
     * read (broken MIME) is logged and passed over; a lost connection, or a core that cannot take
     * the mail now, is thrown (the mail is read again after the reconnect).
     */
    private void handIn(IMAPFolder folder, Message m) throws MessagingException, IOException {
        long uid = folder.getUID(m);
        Optional<MailReader.Read> read = read(folder, m, uid);
        if (read.isPresent()) {
            var in = read.get().inbound();
            if (!in.sender().self()) {
                recent.remember(new Correspondence.Mail(in.chat().id(), in.id(), in.context().threadId(), read.get().subject()));
            }
            context.receive(in);
        }
        Date received = m.getReceivedDate();
        cursor = cursor.advance(uid, received == null ? null : received.toInstant());
        cursor.save(settings.dataDir());
    }

    /** The mail as the core takes it; empty when it is automatic or cannot be read. */
    private Optional<MailReader.Read> read(IMAPFolder folder, Message m, long uid) throws MessagingException {
        try {
            long validity = folder.getUIDValidity();
            Optional<MailReader.Read> read = reader.read((MimeMessage) m, "<uid-" + validity + "-" + uid + "@imap>",
                    validity + "/" + uid);
            if (read.isEmpty()) {
                log.info("email: automatic mail UID {} (a bounce, an auto-reply or bulk mail) is not answered", uid);
            }
            return read;
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            if (!folder.isOpen()) {
                throw new FolderClosedException(folder, "the connection was lost while reading mail UID " + uid + ": " + e);
            }
            log.warn("email: mail UID {} in {} cannot be read and is passed over: {}", uid, settings.mailbox(), e.toString());
            return Optional.empty();
        }
    }

    private static long lastUid(IMAPFolder folder) throws MessagingException {
        int count = folder.getMessageCount();
        return count == 0 ? 0 : folder.getUID(folder.getMessage(count));
    }

    /** Ends the connection now (stop). */
    void disconnect() {
        Store s = store;
        if (s != null) {
            Thread.ofVirtual().start(() -> close(s));
        }
    }

    private static void close(Store s) {
        try {
            s.close();
        } catch (MessagingException e) {
            log.debug("email: closing the IMAP connection: {}", e.getMessage());
        }
    }
}
