package dev.pincer.channel.slack;

import dev.pincer.host.channel.ChannelProvider.Setting;
import dev.pincer.host.channel.ChannelSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What the Slack channel is configured with.
 *
 * @param botToken the bot user's OAuth token ({@code xoxb-...}): the Web API
 * @param appToken the app-level token with {@code connections:write} ({@code xapp-...}): Socket Mode
 * @param apiUrl   where the Web API is, ending in {@code /} (tests point it at a fake)
 */
record SlackSettings(String botToken, String appToken, String apiUrl) {

    static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    static final String APP_TOKEN = "SLACK_APP_TOKEN";
    static final String API_URL = "SLACK_API_URL";
    static final String DEFAULT_API_URL = "https://slack.com/api/";

    static final List<Setting> ALL = List.of(
            new Setting(BOT_TOKEN, true, true, "the bot's OAuth token (xoxb-...), from the app's OAuth & Permissions page"),
            new Setting(APP_TOKEN, true, true, "an app-level token with connections:write (xapp-...), for Socket Mode"),
            new Setting(API_URL, false, false, "the Slack Web API (default " + DEFAULT_API_URL + "); tests point it at a fake"));

    @Override
    public String toString() {
        return "SlackSettings[apiUrl=" + apiUrl + "]"; // never the tokens
    }

    /**
     * The settings, when the channel is configured (both tokens present); empty when neither is.
     *
     * @throws IllegalArgumentException when only one token is set, a token is not of its kind, or the URL is not http(s)
     */
    static Optional<SlackSettings> from(ChannelSettings s) {
        Optional<String> bot = s.get(BOT_TOKEN);
        Optional<String> app = s.get(APP_TOKEN);
        if (bot.isEmpty() && app.isEmpty()) {
            return Optional.empty();
        }
        if (bot.isEmpty() || app.isEmpty()) {
            String missing = bot.isEmpty() ? BOT_TOKEN : APP_TOKEN;
            throw new IllegalArgumentException(missing + " is not set: Slack needs both " + BOT_TOKEN + " (xoxb-...) and "
                    + APP_TOKEN + " (xapp-...); see channels/slack/README.md, or remove the other one to turn Slack off");
        }
        token(BOT_TOKEN, bot.get(), "xoxb-", "the Bot User OAuth Token on the app's OAuth & Permissions page");
        token(APP_TOKEN, app.get(), "xapp-", "an App-Level Token (Basic Information > App-Level Tokens) with connections:write");
        return Optional.of(new SlackSettings(bot.get(), app.get(), apiUrl(s.get(API_URL).orElse(DEFAULT_API_URL))));
    }

    private static void token(String name, String value, String prefix, String where) {
        if (!value.startsWith(prefix) || value.length() <= prefix.length() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " must be a token starting with '" + prefix + "': " + where);
        }
    }

    private static String apiUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(API_URL + " '" + url + "' is not a URL: leave it unset for " + DEFAULT_API_URL);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(API_URL + " '" + url + "' must be an http(s) URL such as " + DEFAULT_API_URL);
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
