package dev.pincer.channel.whatsapp;

import dev.pincer.host.channel.ChannelProvider.Setting;
import dev.pincer.host.channel.ChannelSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * What the WhatsApp channel is configured with (see {@code channels/whatsapp/README.md}).
 *
 * @param token         a Graph API access token of the Meta app (a system user's permanent token)
 * @param phoneNumberId the id of the WhatsApp business phone number (not the number itself)
 * @param appSecret     the Meta app's secret: webhook calls are signed with it
 * @param verifyToken   a string of the owner's choosing, asked back when Meta verifies the webhook
 * @param graphUrl      the Graph API base, e.g. {@code https://graph.facebook.com/v21.0}
 */
public record WhatsAppSettings(String token, String phoneNumberId, String appSecret, String verifyToken, URI graphUrl) {

    public static final String TOKEN = "WHATSAPP_TOKEN";
    public static final String PHONE_NUMBER_ID = "WHATSAPP_PHONE_NUMBER_ID";
    public static final String APP_SECRET = "WHATSAPP_APP_SECRET";
    public static final String VERIFY_TOKEN = "WHATSAPP_VERIFY_TOKEN";
    public static final String GRAPH_URL = "WHATSAPP_GRAPH_URL";
    public static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com/v21.0";

    static final List<Setting> ALL = List.of(
            new Setting(TOKEN, true, true, "Graph API access token (a system user's permanent token with whatsapp_business_messaging)"),
            new Setting(PHONE_NUMBER_ID, true, false, "the phone number id from the app's WhatsApp > API Setup page (digits)"),
            new Setting(APP_SECRET, true, true, "the Meta app's secret (App settings > Basic): checks the webhook's X-Hub-Signature-256"),
            new Setting(VERIFY_TOKEN, true, true, "a string you choose and enter again as the webhook's verify token in the app"),
            new Setting(GRAPH_URL, false, false, "Graph API base URL (default " + DEFAULT_GRAPH_URL + ")"));

    /**
     * The settings when all required ones are present; empty when none is (not configured).
     *
     * @throws IllegalArgumentException when only some are set, or one is malformed (naming it and the fix)
     */
    static Optional<WhatsAppSettings> from(ChannelSettings s) {
        List<String> required = List.of(TOKEN, PHONE_NUMBER_ID, APP_SECRET, VERIFY_TOKEN);
        List<String> missing = required.stream().filter(n -> s.get(n).isEmpty()).toList();
        if (missing.size() == required.size()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("WhatsApp needs " + String.join(", ", missing)
                    + " as well (see channels/whatsapp/README.md); remove the other WHATSAPP_ settings to turn it off");
        }
        String phoneId = s.get(PHONE_NUMBER_ID).orElseThrow();
        if (!phoneId.matches("\\d{1,30}")) {
            throw new IllegalArgumentException(PHONE_NUMBER_ID + " must be the phone number id (digits) from WhatsApp > API Setup,"
                    + " not the phone number itself");
        }
        return Optional.of(new WhatsAppSettings(s.get(TOKEN).orElseThrow(), phoneId, s.get(APP_SECRET).orElseThrow(),
                s.get(VERIFY_TOKEN).orElseThrow(), graphUrl(s.get(GRAPH_URL).orElse(DEFAULT_GRAPH_URL))));
    }

    private static URI graphUrl(String value) {
        try {
            URI u = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(GRAPH_URL + "=" + value + " is not an http(s) URL; leave it unset for "
                    + DEFAULT_GRAPH_URL);
        }
    }

    @Override
    public String toString() {
        return "WhatsAppSettings[phoneNumberId=" + phoneNumberId + ", graphUrl=" + graphUrl + "]"; // never the secrets
    }
}
