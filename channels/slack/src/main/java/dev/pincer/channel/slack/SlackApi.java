package dev.pincer.channel.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.User;
import dev.pincer.host.channel.RateLimited;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Slack Web API calls the channel makes, through the SDK's {@link MethodsClient}: each either
 * returns what it asked for or throws, saying which call failed and why. HTTP 429 (and an
 * {@code ok:false} "ratelimited") becomes {@link RateLimited} with Slack's {@code Retry-After}.
 */
final class SlackApi implements AutoCloseable {

    private static final int CALL_TIMEOUT_MS = 30_000;

    private final SlackSettings settings;
    private final Slack slack;
    private final MethodsClient methods;
    private volatile Identity identity;

    SlackApi(SlackSettings settings) {
        this.settings = settings;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setStatsEnabled(false); // no background metrics (they would call auth.test on their own)
        config.setHttpClientCallTimeoutMillis(CALL_TIMEOUT_MS);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(settings.botToken());
    }

    Slack slack() {
        return slack;
    }

    /** The bot's identity: {@code auth.test} once, then remembered. */
    Identity identity() throws IOException, RateLimited {
        Identity known = identity;
        if (known == null) {
            AuthTestResponse r = call("auth.test", () -> methods.authTest(b -> b));
            known = new Identity(r.getUserId(), r.getBotId(), r.getUser(), r.getTeam(), scopes(r).contains(Identity.CUSTOMIZE_SCOPE));
            identity = known;
        }
        return known;
    }

    /** A fresh Socket Mode WebSocket URL ({@code apps.connections.open} with the app-level token). */
    String socketModeUrl() throws IOException, RateLimited {
        String url = call("apps.connections.open", () -> slack.methods().appsConnectionsOpen(b -> b.token(settings.appToken()))).getUrl();
        if (url == null || url.isBlank()) {
            throw new IOException("apps.connections.open gave no WebSocket URL");
        }
        return url;
    }

    /**
     * Posts a message.
     *
     * @param threadTs the thread to post into, or null
     * @param username the name to show instead of the bot's (needs {@code chat:write.customize}), or null
     * @return the message's {@code ts}
     */
    String post(String channel, String text, String threadTs, String username) throws IOException, RateLimited {
        return call("chat.postMessage", () -> methods.chatPostMessage(b -> b.channel(channel).text(text).threadTs(threadTs)
                .username(username).mrkdwn(true))).getTs();
    }

    /** Where a file can be downloaded ({@code files.info}: its {@code url_private_download}, else {@code url_private}). */
    String fileUrl(String fileId) throws IOException, RateLimited {
        var f = call("files.info", () -> methods.filesInfo(b -> b.file(fileId))).getFile();
        String url = f == null ? null : firstSet(f.getUrlPrivateDownload(), f.getUrlPrivate());
        if (url == null) {
            throw new IOException("files.info: Slack gave no download address for the file " + fileId);
        }
        return url;
    }

    /** A new file's upload: where to send its bytes, and its id. */
    record Upload(String url, String fileId) {}

    /** {@code files.getUploadURLExternal}: where to upload a file of {@code length} bytes. */
    Upload uploadUrl(String fileName, long length) throws IOException, RateLimited {
        var r = call("files.getUploadURLExternal", () -> methods.filesGetUploadURLExternal(b -> b.filename(fileName)
                .length((int) length)));
        if (r.getUploadUrl() == null || r.getFileId() == null) {
            throw new IOException("files.getUploadURLExternal: Slack gave no upload address");
        }
        return new Upload(r.getUploadUrl(), r.getFileId());
    }

    /**
     * {@code files.completeUploadExternal}: shares the uploaded file in {@code channel} (in the thread
     * {@code threadTs}, or null) with {@code comment} (mrkdwn, or null) as its message.
     */
    void share(Upload upload, String title, String channel, String threadTs, String comment) throws IOException, RateLimited {
        var file = FilesCompleteUploadExternalRequest.FileDetails.builder().id(upload.fileId()).title(title).build();
        call("files.completeUploadExternal", () -> methods.filesCompleteUploadExternal(b -> b.files(List.of(file))
                .channelId(channel).threadTs(threadTs).initialComment(comment)));
    }

    /** A user's display name ({@code users.info}): display name, else real name, else user name. */
    String userName(String userId) throws IOException, RateLimited {
        User u = call("users.info", () -> methods.usersInfo(b -> b.user(userId))).getUser();
        if (u == null) {
            return null;
        }
        User.Profile p = u.getProfile();
        return firstSet(p == null ? null : p.getDisplayName(), p == null ? null : p.getRealName(), u.getRealName(), u.getName());
    }

    /** A channel's name ({@code conversations.info}), or null for a direct message (it has none). */
    String chatName(String channelId) throws IOException, RateLimited {
        var c = call("conversations.info", () -> methods.conversationsInfo(b -> b.channel(channelId))).getChannel();
        return c == null || c.isIm() || c.getName() == null ? null : "#" + c.getName();
    }

    private static String firstSet(String... names) {
        return Arrays.stream(names).filter(n -> n != null && !n.isBlank()).findFirst().orElse(null);
    }

    private static List<String> scopes(SlackApiTextResponse r) {
        Map<String, List<String>> headers = r.getHttpResponseHeaders();
        List<String> values = headers == null ? null : headers.get("x-oauth-scopes");
        return values == null ? List.of() : values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).toList();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws IOException, RateLimited {
        T r;
        try {
            r = call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                throw new RateLimited(retryAfter(e.getResponse().header("Retry-After")), method + ": Slack answered HTTP 429");
            }
            throw new IOException(method + ": Slack answered HTTP " + status);
        } catch (IOException e) {
            throw new IOException(method + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (!r.isOk()) {
            if ("ratelimited".equals(r.getError())) {
                throw new RateLimited(null, method + ": Slack said ratelimited");
            }
            throw new IOException(method + ": Slack said '" + r.getError() + "'" + hint(r));
        }
        return r;
    }

    private static String hint(SlackApiTextResponse r) {
        if (r.getNeeded() != null) {
            return " (the app needs the scope " + r.getNeeded() + ": add it under OAuth & Permissions and reinstall the app)";
        }
        return switch (r.getError() == null ? "" : r.getError()) {
            case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
                    " (the token was refused: copy it again from the app's settings at https://api.slack.com/apps)";
            case "not_in_channel", "channel_not_found" -> " (invite the bot to the channel: /invite @<bot name>)";
            case "file_not_found", "file_deleted" -> " (the file was deleted, or the bot cannot see it)";
            default -> "";
        };
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null; // RateLimited then waits its default second
        }
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
