package dev.pincer.channel.whatsappweb.session;

import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.TextPreviewSetting;
import it.auties.whatsapp.api.WebHistorySetting;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.exception.HmacValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cobalt connections on the session in a {@link SessionFolder} (one session, under the alias
 * {@value #ALIAS}). Every connection is set up the same way: no chat history is pulled from the
 * phone (only what arrives from now on), the device stays "unavailable" (so the phone keeps
 * notifying its owner), messages are acknowledged as delivered but never marked read, and no link
 * previews are fetched for what Pincer sends.
 */
public final class Sessions {

    static final String ALIAS = "pincer";
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final SessionFolder folder;

    public Sessions(SessionFolder folder) {
        this.folder = folder;
    }

    public SessionFolder folder() {
        return folder;
    }

    /** The linked session, ready to connect; empty when the folder holds none. */
    Optional<Whatsapp> linked() {
        folder.create();
        return Whatsapp.webBuilder().serializer(new PrivateSerializer(folder)).newOptionalConnection(ALIAS)
                .map(Sessions::options).flatMap(WebOptionsBuilder::registered);
    }

    /** A new session to link; an earlier one in the folder is removed first. */
    WebOptionsBuilder fresh() {
        folder.create();
        folder.unlink();
        deleteTree(folder.cobalt());
        return options(Whatsapp.webBuilder().serializer(new PrivateSerializer(folder)).newConnection(ALIAS));
    }

    private static WebOptionsBuilder options(WebOptionsBuilder b) {
        return b.historySetting(WebHistorySetting.discard(false))
                .automaticPresenceUpdates(false)
                .automaticMessageReceipts(true)
                .textPreviewSetting(TextPreviewSetting.DISABLED)
                .errorHandler(Sessions::failure);
    }

    /**
     * Cobalt's failures, logged here; a failed login, a broken encryption state or a refused initial
     * sync closes the connection (Pincer then connects again with backoff), anything else is logged
     * and the connection goes on (Cobalt reconnects by itself when the socket drops).
     */
    private static ErrorHandler.Result failure(Whatsapp whatsapp, ErrorHandler.Location where, Throwable error) {
        log.warn("whatsapp-web: {} failed: {}", where, error == null ? "(no details)" : error.toString());
        log.debug("whatsapp-web: failure at {}", where, error);
        return switch (where) {
            case LOGIN, CRYPTOGRAPHY, INITIAL_APP_STATE_SYNC -> ErrorHandler.Result.DISCONNECT;
            case MESSAGE -> error instanceof HmacValidationException ? ErrorHandler.Result.DISCONNECT : ErrorHandler.Result.DISCARD;
            default -> ErrorHandler.Result.DISCARD;
        };
    }

    /** A failed connection attempt as an error that says what failed, e.g. the network not reaching WhatsApp. */
    static IOException unreachable(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.ExecutionException || failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
        String what = cause == null ? "unknown failure" : cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new IOException("cannot connect to WhatsApp (" + what + "); check that this machine reaches web.whatsapp.com", cause);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old WhatsApp session " + dir + ": " + e.getMessage(), e);
        }
    }
}
