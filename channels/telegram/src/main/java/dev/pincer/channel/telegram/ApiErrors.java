package dev.pincer.channel.telegram;

import dev.pincer.host.channel.RateLimited;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * What a failed Bot API call means: a short description for the channel's state and the logs, a
 * rate limit ({@code 429} with {@code parameters.retry_after}) as {@link RateLimited}, and the
 * refusals that have a remedy of their own (HTML the platform cannot parse, a chat the bot is not in).
 */
final class ApiErrors {
    private ApiErrors() {}

    /** A token as it appears in a Bot API URL: never shown. */
    private static final Pattern TOKEN_IN_URL = Pattern.compile("bot\\d+:[A-Za-z0-9_-]+");

    /** The platform's error code, or 0 when the call got no Bot API answer (the network, a proxy's page). */
    static int code(TelegramApiException e) {
        return e instanceof TelegramApiRequestException r && r.getErrorCode() != null ? r.getErrorCode() : 0;
    }

    /** The platform's description of the error, or "" when it gave none. */
    static String description(TelegramApiException e) {
        return e instanceof TelegramApiRequestException r && r.getApiResponse() != null ? r.getApiResponse() : "";
    }

    /** {@code 400 Bad Request: can't parse entities: ...}: the HTML was refused. */
    static boolean htmlRefused(TelegramApiException e) {
        return code(e) == 400 && description(e).toLowerCase(Locale.ROOT).contains("can't parse entities");
    }

    /** The bot may not write there (not a member, blocked, chat unknown to it, its token revoked). */
    static boolean notAllowedThere(TelegramApiException e) {
        int code = code(e);
        String d = description(e).toLowerCase(Locale.ROOT);
        return code == 401 || code == 403 || (code == 400 && (d.contains("chat not found") || d.contains("not enough rights")));
    }

    /** The rate limit the platform asked for, if it was one. */
    static RateLimited rateLimit(String method, TelegramApiException e) {
        if (code(e) != 429) {
            return null;
        }
        Integer after = e instanceof TelegramApiRequestException r && r.getParameters() != null
                ? r.getParameters().getRetryAfter() : null;
        return new RateLimited(Duration.ofSeconds(after == null ? 1 : after), describe(method, e));
    }

    /** Throws the rate limit when it was one, else the exception as it is. */
    static Exception sendFailure(String method, TelegramApiException e) {
        RateLimited limited = rateLimit(method, e);
        return limited != null ? limited : new TelegramApiException(describe(method, e), e);
    }

    /** A one-line description of a call with the main bot's token. */
    static String describe(String method, TelegramApiException e) {
        return describe(method, e, TelegramSettings.TOKEN);
    }

    /**
     * A one-line description: what was called and what went wrong, with what to do where it is clear.
     *
     * @param setting where the token of the bot that called comes from
     */
    static String describe(String method, TelegramApiException e, String setting) {
        int code = code(e);
        if (code == 401) {
            return method + ": the bot token was refused ([" + code + "] " + description(e) + "); check " + setting;
        }
        if (code != 0) {
            return method + ": [" + code + "] " + description(e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = switch (root) {
            case ConnectException c -> "cannot connect to the Bot API (" + c.getMessage() + ")";
            case UnknownHostException u -> "unknown host " + u.getMessage();
            case SocketTimeoutException t -> "the Bot API did not answer in time";
            case com.fasterxml.jackson.core.JsonProcessingException j -> "the answer was not a Bot API response";
            default -> root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        };
        return method + ": " + withoutToken(why);
    }

    /** {@code text} with any bot token in a Bot API URL replaced by {@code <token>}. */
    static String withoutToken(String text) {
        return TOKEN_IN_URL.matcher(text).replaceAll("bot<token>");
    }
}
