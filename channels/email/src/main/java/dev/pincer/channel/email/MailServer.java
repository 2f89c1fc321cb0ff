package dev.pincer.channel.email;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * A mail server as an {@code EMAIL_IMAP_URL} or {@code EMAIL_SMTP_URL} gives it:
 * {@code imaps://user:password@host:993/INBOX}, {@code smtps://user:password@host:465}. The user
 * and password are URL-encoded in the setting. {@link #toString()} never shows the password.
 *
 * @param folder the IMAP folder to watch ({@code INBOX} when the URL names none); null for SMTP
 */
public record MailServer(Protocol protocol, String host, int port, String user, String password, String folder) {

    /** The protocols a setting may name. Plain {@code imap}/{@code smtp} use STARTTLS (required unless the host is this machine). */
    public enum Protocol {
        IMAP(143), IMAPS(993), SMTP(587), SMTPS(465);

        private final int defaultPort;

        Protocol(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The URL scheme and Jakarta Mail's protocol name. */
        public String scheme() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean imap() {
            return this == IMAP || this == IMAPS;
        }

        /** TLS from the start (the {@code s} protocols); the others switch to it with STARTTLS. */
        boolean tls() {
            return this == IMAPS || this == SMTPS;
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 20_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    /** Parses {@code EMAIL_IMAP_URL}. */
    public static MailServer imap(String setting, String url) {
        return parse(setting, url, true, "imaps://user:password@imap.example.com:993/INBOX");
    }

    /** Parses {@code EMAIL_SMTP_URL}. */
    public static MailServer smtp(String setting, String url) {
        return parse(setting, url, false, "smtps://user:password@smtp.example.com:465 (or smtp://...:587 with STARTTLS)");
    }

    private static MailServer parse(String setting, String url, boolean imap, String example) {
        String how = "use " + example + ", with @, : and / in the user or password URL-encoded (%40, %3A, %2F)";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL; " + how); // the URL itself may hold the password
        }
        Protocol protocol = protocol(uri.getScheme(), imap);
        if (protocol == null) {
            throw new IllegalArgumentException(setting + " must start with " + (imap ? "imaps:// or imap://" : "smtps:// or smtp://")
                    + "; " + how);
        }
        String info = uri.getRawUserInfo();
        if (uri.getHost() == null || info == null || info.indexOf(':') <= 0) {
            throw new IllegalArgumentException(setting + " needs a host, a user and a password; " + how);
        }
        int colon = info.indexOf(':');
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (!imap && !path.isEmpty()) {
            throw new IllegalArgumentException(setting + " takes no path; " + how);
        }
        return new MailServer(protocol, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : protocol.defaultPort,
                decode(info.substring(0, colon)), decode(info.substring(colon + 1)), imap ? (path.isEmpty() ? "INBOX" : path) : null);
    }

    private static Protocol protocol(String scheme, boolean imap) {
        for (Protocol p : Protocol.values()) {
            if (p.scheme().equalsIgnoreCase(scheme == null ? "" : scheme) && p.imap() == imap) {
                return p;
            }
        }
        return null;
    }

    /** Percent-decoding that leaves {@code +} alone (it is a plus in a password, not a space). */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The host is this machine: plain connections are allowed there (local bridges, test servers). */
    public boolean local() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** How much of a part one IMAP FETCH asks for (Jakarta Mail's default is 16 KiB). */
    static final int FETCH_SIZE = 256 * 1024;

    /** Adds this server's Jakarta Mail session properties (TLS, timeouts) to {@code p}. */
    void configure(Properties p) {
        String k = "mail." + protocol.scheme() + ".";
        p.setProperty(k + "host", host);
        p.setProperty(k + "port", String.valueOf(port));
        p.setProperty(k + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        p.setProperty(k + "timeout", String.valueOf(READ_TIMEOUT_MS));
        if (protocol.tls()) {
            p.setProperty(k + "ssl.enable", "true");
            p.setProperty(k + "ssl.checkserveridentity", "true");
        } else {
            p.setProperty(k + "starttls.enable", "true");
            p.setProperty(k + "starttls.required", String.valueOf(!local()));
            p.setProperty(k + "ssl.checkserveridentity", "true");
        }
        if (!protocol.imap()) {
            p.setProperty(k + "auth", "true");
        } else {
            p.setProperty(k + "fetchsize", String.valueOf(FETCH_SIZE)); // an attachment comes in pieces of this size
        }
    }

    /** {@code user@host:port} (no password). */
    public String shown() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return protocol.scheme() + "://" + shown() + (folder == null ? "" : "/" + folder);
    }
}
