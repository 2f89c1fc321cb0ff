package dev.pincer.channel.email;

import dev.pincer.host.channel.CappedInput;
import dev.pincer.host.channel.Inbound;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an attachment of a received mail again from the mailbox, by the file id the channel gave
 * it: {@code <UIDVALIDITY>/<UID>/<part number>}. Nothing is kept on disk at receive time: the mail
 * stays on the server (the folder is only ever opened read-only), and the part is read from there
 * when the host asks for it, over an IMAP connection of its own (the watching one is busy with IDLE).
 * The server sends only that part, decoded as it is read; at most {@code maxBytes + 1} bytes are
 * read, and closing the stream logs out. A mail moved or deleted meanwhile, or a mailbox renumbered
 * (its UIDVALIDITY changed), is an error saying so.
 */
final class MailParts {

    private static final Logger log = LoggerFactory.getLogger(MailParts.class);
    private static final Pattern HANDLE = Pattern.compile("(\\d{1,20})/(\\d{1,20})/(\\d{1,4}(?:\\.\\d{1,4}){0,9})");

    private final Session session;
    private final EmailSettings settings;

    MailParts(Session session, EmailSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws IOException {
        Matcher h = HANDLE.matcher(attachment.fileId() == null ? "" : attachment.fileId());
        if (!h.matches()) {
            throw new IOException("'" + attachment.fileId() + "' does not name an attachment of a mail (<UIDVALIDITY>/<UID>/<part>)");
        }
        MailServer imap = settings.imap();
        Store store = null;
        try {
            store = session.getStore(imap.protocol().scheme());
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            Folder folder = store.getFolder(imap.folder());
            folder.open(Folder.READ_ONLY);
            if (((UIDFolder) folder).getUIDValidity() != Long.parseLong(h.group(1))) {
                throw new IOException("the mailbox " + imap.shown() + " was renumbered since the mail came (its UIDVALIDITY"
                        + " changed), so its attachment cannot be found any more; ask for it to be sent again");
            }
            Message mail = ((UIDFolder) folder).getMessageByUID(Long.parseLong(h.group(2)));
            if (mail == null || mail.isExpunged()) {
                throw new IOException("the mail with this attachment is no longer in " + imap.folder() + " of " + imap.shown()
                        + " (moved or deleted)");
            }
            Store open = store;
            return new FilterInputStream(CappedInput.of(part(mail, h.group(3)).getInputStream(), maxBytes)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        logOut(open);
                    }
                }
            };
        } catch (MessagingException e) {
            logOut(store);
            throw new IOException("IMAP " + imap.shown() + ": " + MailErrors.describe(e), e);
        } catch (IOException | RuntimeException e) {
            logOut(store);
            throw e;
        }
    }

    /** The part with IMAP number {@code section} ({@code 2}, {@code 1.2}; {@code 1} is a single-part mail's body). */
    private static Part part(Message mail, String section) throws MessagingException, IOException {
        Part p = mail;
        for (String n : section.split("\\.")) {
            int i = Integer.parseInt(n);
            if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
                if (i < 1 || i > mp.getCount()) {
                    throw new IOException("the mail has no part " + section + " (it changed, or it is another mail)");
                }
                p = mp.getBodyPart(i - 1);
            } else if (i != 1 || p != mail) {
                throw new IOException("the mail has no part " + section + " (it changed, or it is another mail)");
            }
        }
        return p;
    }

    private static void logOut(Store store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (MessagingException e) {
            log.debug("email: closing the IMAP connection of a download: {}", e.getMessage());
        }
    }
}
