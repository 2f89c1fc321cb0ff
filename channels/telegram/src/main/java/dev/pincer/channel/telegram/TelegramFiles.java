package dev.pincer.channel.telegram;

import dev.pincer.host.channel.CappedInput;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Undeliverable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Files through the Bot API. In: {@code getFile} names where a received file is, then the host
 * downloads {@code {api}/file/bot<token>/<file_path>} and reads at most {@code maxBytes + 1} bytes
 * (that URL holds the token, so no error shows it). Out: {@code sendPhoto} for a JPEG, PNG or WebP
 * image up to 10 MB, {@code sendDocument} for everything else up to 50 MB (Telegram's limits for
 * bots; a larger file is {@link Undeliverable} before anything is sent), with an HTML caption of at
 * most 1024 characters; a photo Telegram cannot take as a photo (its dimensions) goes again as a document.
 *
 * @param settings where the Bot API is and the bot's token (its own {@link TelegramSettings#toString()}
 *                 leaves the token out, so this record's does too)
 */
record TelegramFiles(TelegramClient bot, OkHttpClient http, TelegramSettings settings) {

    private static final Logger log = LoggerFactory.getLogger(TelegramFiles.class);

    /** The largest file a bot may download ({@code getFile}). */
    static final long MAX_DOWNLOAD = 20L << 20;
    /** The largest photo a bot may send. */
    static final long MAX_PHOTO = 10L << 20;
    /** The largest file a bot may send. */
    static final long MAX_UPLOAD = 50L << 20;
    /** The longest caption, in characters after the HTML is parsed. */
    static final int MAX_CAPTION = 1024;
    private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp");

    /** A received file: {@code getFile}, then the download, cut off after {@code maxBytes + 1} bytes. */
    InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        if (attachment.fileId() == null || attachment.fileId().isBlank()) {
            throw new IOException("the file came without a Telegram file_id");
        }
        File file;
        try {
            file = bot.execute(new GetFile(attachment.fileId()));
        } catch (TelegramApiException e) {
            throw fetchFailure(e);
        }
        if (file.getFilePath() == null || file.getFilePath().isBlank()) {
            throw new IOException("Telegram gave no download path for the file");
        }
        HttpUrl download = HttpUrl.get(settings.api().toString()).newBuilder().addPathSegment("file").addPathSegment("bot" + settings.token())
                .addPathSegments(file.getFilePath()).build();
        Request request = new Request.Builder().get().url(download).build();
        Response response;
        try {
            response = http.newCall(request).execute();
        } catch (IOException e) {
            throw new IOException("cannot download the file from the Bot API: "
                    + ApiErrors.withoutToken(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw new IOException(code == 404 ? "Telegram no longer has the file (HTTP 404); it may have expired, ask for it"
                    + " to be sent again" : "the Bot API answered the download with HTTP " + code);
        }
        return CappedInput.of(response.body().byteStream(), maxBytes);
    }

    private static Exception fetchFailure(TelegramApiException e) {
        RateLimited limited = ApiErrors.rateLimit("getFile", e);
        if (limited != null) {
            return limited;
        }
        String d = ApiErrors.description(e).toLowerCase(Locale.ROOT);
        if (d.contains("file is too big")) {
            return new IOException("Telegram lets bots download files of up to 20 MB; this one is larger");
        }
        if (ApiErrors.code(e) == 400 && d.contains("file")) {
            return new IOException("Telegram does not know this file any more (" + ApiErrors.description(e) + ")");
        }
        return new IOException(ApiErrors.describe("getFile", e), e);
    }

    /** Refuses, before anything is sent, a file larger than Telegram takes from bots. */
    static void checkSize(OutgoingFile.FileRef file) throws Undeliverable {
        if (file.size() > MAX_UPLOAD) {
            throw new Undeliverable(String.format(Locale.ROOT, "Telegram takes files of up to 50 MB from bots; \"%s\" is %.1f MB",
                    file.name(), file.size() / 1_048_576.0));
        }
    }

    /** Whether {@code html} fits as a caption. */
    static boolean fitsCaption(String html) {
        return TelegramHtml.plain(html).length() <= MAX_CAPTION;
    }

    /** Whether the file goes as a photo (shown in the chat) rather than as a document. */
    static boolean asPhoto(OutgoingFile.FileRef file) {
        return file.image() && PHOTO_TYPES.contains(file.mimeType().toLowerCase(Locale.ROOT)) && file.size() <= MAX_PHOTO;
    }

    /**
     * Sends the file as a photo or a document, with {@code caption} (HTML, fitting; empty for none);
     * a caption Telegram cannot parse goes again as plain text. Returns the message id.
     */
    String send(TelegramClient via, long chat, OutgoingFile file, String caption) throws TelegramApiException {
        try {
            return upload(via, chat, file, caption, true);
        } catch (TelegramApiException e) {
            if (!ApiErrors.htmlRefused(e)) {
                throw e;
            }
            log.warn("Telegram refused the HTML caption of a file to tg:{} ({}); sending it as plain text", chat,
                    ApiErrors.description(e));
            return upload(via, chat, file, TelegramHtml.plain(caption), false);
        }
    }

    private String upload(TelegramClient via, long chat, OutgoingFile file, String caption, boolean html) throws TelegramApiException {
        OutgoingFile.FileRef ref = file.file();
        InputFile in = new InputFile(ref.path().toFile(), ref.name());
        String text = caption.isEmpty() ? null : caption;
        String mode = text != null && html ? ParseMode.HTML : null;
        Integer thread = TelegramChannel.thread(file.replyTo());
        Integer quoted = TelegramChannel.quoted(file.replyTo());
        Boolean anyway = quoted == null ? null : Boolean.TRUE;
        if (asPhoto(ref)) {
            try {
                return String.valueOf(via.execute(SendPhoto.builder().chatId(chat).photo(in).caption(text).parseMode(mode)
                        .messageThreadId(thread).replyToMessageId(quoted).allowSendingWithoutReply(anyway).build()).getMessageId());
            } catch (TelegramApiException e) {
                if (ApiErrors.code(e) != 400 || ApiErrors.htmlRefused(e)) {
                    throw e;
                }
                log.info("Telegram did not take {} as a photo ({}); sending it as a document", ref.name(), ApiErrors.description(e));
            }
        }
        return String.valueOf(via.execute(SendDocument.builder().chatId(chat).document(in).caption(text).parseMode(mode)
                .messageThreadId(thread).replyToMessageId(quoted).allowSendingWithoutReply(anyway).build()).getMessageId());
    }

    /** What a failed upload means: a rate limit, a file Telegram will never take (413), or one to try again. */
    static Exception sendFailure(String method, TelegramApiException e) {
        if (ApiErrors.code(e) == 413) {
            return new Undeliverable("Telegram refused the file as too large (" + ApiErrors.description(e) + ")");
        }
        return ApiErrors.sendFailure(method, e);
    }
}
