package dev.pincer.channel.telegram;

import dev.pincer.host.channel.ChannelSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * The Telegram channel's settings, checked.
 *
 * @param token      the bot's token from BotFather ({@code TELEGRAM_BOT_TOKEN})
 * @param api        where the Bot API is ({@code TELEGRAM_API_URL}): a scheme, a host and maybe a port, no path
 * @param poolTokens extra bots' tokens that speak for sub-agents ({@code TELEGRAM_POOL_TOKENS}), maybe none
 */
public record TelegramSettings(String token, URI api, List<String> poolTokens) {

    public static final String TOKEN = "TELEGRAM_BOT_TOKEN";
    public static final String API_URL = "TELEGRAM_API_URL";
    public static final String POOL_TOKENS = "TELEGRAM_POOL_TOKENS";
    public static final String DEFAULT_API = "https://api.telegram.org";

    /** A bot token: the bot's numeric id, a colon, and the secret part. */
    private static final Pattern TOKEN_FORMAT = Pattern.compile("(\\d{1,20}):[A-Za-z0-9_-]{10,}");

    public TelegramSettings {
        poolTokens = List.copyOf(poolTokens);
    }

    /**
     * The settings when {@code TELEGRAM_BOT_TOKEN} is set; empty when it is not.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public static Optional<TelegramSettings> from(ChannelSettings settings) {
        Optional<String> token = settings.get(TOKEN);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        checkToken(TOKEN, token.get());
        URI api = api(settings.get(API_URL).orElse(DEFAULT_API));
        List<String> pool = new ArrayList<>();
        for (String t : settings.get(POOL_TOKENS).orElse("").split(",")) {
            String p = t.strip();
            if (p.isEmpty()) {
                continue;
            }
            checkToken(POOL_TOKENS, p);
            if (p.equals(token.get()) || pool.contains(p)) {
                throw new IllegalArgumentException(POOL_TOKENS + " lists a token twice or repeats " + TOKEN
                        + ": each pool bot needs a bot of its own (create one per sub-agent with @BotFather)");
            }
            pool.add(p);
        }
        return Optional.of(new TelegramSettings(token.get(), api, pool));
    }

    /** Without the tokens: they are secrets. */
    @Override
    public String toString() {
        return "TelegramSettings[api=" + api + ", poolBots=" + poolTokens.size() + "]";
    }

    /** The bot's user id, which is the part of its token before the colon. */
    public static long botId(String token) {
        return Long.parseLong(token.substring(0, token.indexOf(':')));
    }

    /** The Bot API's address as the telegrambots client takes it. */
    public TelegramUrl telegramUrl() {
        int port = api.getPort() != -1 ? api.getPort() : api.getScheme().equals("https") ? 443 : 80;
        return new TelegramUrl(api.getScheme(), api.getHost(), port, false);
    }

    private static void checkToken(String setting, String token) {
        if (!TOKEN_FORMAT.matcher(token).matches()) {
            throw new IllegalArgumentException(setting + " does not look like a bot token (digits, a colon, then "
                    + "letters, digits, '_' or '-', e.g. 123456789:AAH...): copy the token @BotFather gave you");
        }
    }

    private static URI api(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(API_URL + " is not a URL: " + e.getMessage() + "; use e.g. " + DEFAULT_API);
        }
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!web || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(API_URL + " must be http(s)://host[:port] without a path (got '" + value
                    + "'); leave it unset for " + DEFAULT_API);
        }
        return uri;
    }
}
