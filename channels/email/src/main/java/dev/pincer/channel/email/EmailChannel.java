package dev.pincer.channel.email;

import dev.pincer.channel.email.text.PlainText;
import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Reconnect;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Email as a chat channel: each sender is a direct conversation ({@code mail:<address>}), each
 * mail thread a thread of it. New mail comes in over IMAP ({@link InboxWatcher}, kept up by
 * {@link Reconnect}); replies go out over SMTP ({@link SmtpSender}) as plain text, whole (mail has
 * no length limit worth splitting at), files as attachments of a reply; attachments that came are
 * read from the mailbox again when the host fetches them ({@link MailParts}).
 */
public final class EmailChannel extends ChannelBase {

    /** The chat id prefix: {@code mail:ann@example.org}. */
    public static final String PREFIX = "mail";
    /** Replies up to this long go as one mail. */
    static final int MAX_LENGTH = 100_000;

    private final EmailSettings settings;
    private final Session session;
    private final MailParts parts;
    private volatile Correspondence recent;
    private volatile InboxWatcher watcher;
    private volatile Reconnect reconnect;

    EmailChannel(EmailSettings settings) {
        super("email", PREFIX, new Capabilities(MAX_LENGTH, true, null, false, false, true));
        this.settings = settings;
        this.session = settings.session();
        this.parts = new MailParts(session, settings);
    }

    @Override
    public void start(ChannelContext context) {
        recent = new Correspondence(settings.dataDir());
        Cursor cursor = Cursor.load(settings.dataDir()).filter(c -> c.mailbox().equals(settings.mailbox()))
                .orElseGet(() -> Cursor.fresh(settings.mailbox(), Instant.now()));
        cursor.save(settings.dataDir());
        watcher = new InboxWatcher(session, settings, recent, context, cursor);
        reconnect = Reconnect.start(name(), context, watcher);
    }

    @Override
    public String format(String markdown) {
        return PlainText.fromMarkdown(markdown);
    }

    @Override
    public String send(Outgoing message) throws Exception {
        return sender().send(message);
    }

    /** Sends the file attached to a reply in the thread ({@link SmtpSender#sendFile}). */
    @Override
    public String sendFile(OutgoingFile file) throws Exception {
        return sender().sendFile(file);
    }

    private SmtpSender sender() {
        Correspondence r = recent;
        if (r == null) {
            throw new IllegalStateException("the email channel is not started");
        }
        return new SmtpSender(session, settings, r);
    }

    /** Reads an attachment of a received mail from the mailbox again ({@link MailParts}). */
    @Override
    public InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        return parts.fetch(attachment, maxBytes);
    }

    /** Logs in to the mailbox (and finds the folder) and to the SMTP server. */
    @Override
    public Optional<String> check() throws Exception {
        MailServer imap = settings.imap();
        try (Store store = session.getStore(imap.protocol().scheme())) {
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            Folder folder = store.getFolder(imap.folder());
            if (!folder.exists()) {
                throw new IllegalStateException("the mailbox " + imap.shown() + " has no folder '" + imap.folder() + "'");
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP login to " + imap.shown() + " failed: " + MailErrors.describe(e), e);
        }
        MailServer smtp = settings.smtp();
        try {
            new SmtpSender(session, settings, null).check();
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP login to " + smtp.shown() + " failed: " + MailErrors.describe(e), e);
        }
        return Optional.of("mailbox " + imap.user() + "@" + imap.host() + " and SMTP " + smtp.host() + " accepted");
    }

    @Override
    public void stop() {
        Reconnect r = reconnect;
        if (r != null) {
            r.close();
        }
        InboxWatcher w = watcher;
        if (w != null) {
            w.disconnect();
        }
    }
}
