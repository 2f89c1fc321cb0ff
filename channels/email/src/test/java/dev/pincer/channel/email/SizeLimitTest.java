package dev.pincer.channel.email;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file too large for the mail server: refused before sending when the server announces its
 * {@code SIZE} limit, and given up when it refuses the mail with 552. Against a small SMTP server on
 * loopback that speaks just enough of the protocol (GreenMail has no size limit).
 */
class SizeLimitTest {

    @TempDir Path dir;

    @Test
    void aMailOverTheAnnouncedSizeIsUndeliverableBeforeItIsSent() throws Exception {
        try (TinySmtp smtp = new TinySmtp(1000, false)) {
            assertThat(sendLargeFile(smtp)).isInstanceOf(Undeliverable.class)
                    .hasMessageContaining("takes mails of up to").hasMessageNotContaining("secret");
            assertThat(smtp.lines).noneMatch(l -> l.startsWith("MAIL FROM"));
        }
    }

    @Test
    void aMailTheServerRefusesForItsSizeIsUndeliverable() throws Exception {
        try (TinySmtp smtp = new TinySmtp(0, true)) {
            assertThat(sendLargeFile(smtp)).isInstanceOf(Undeliverable.class)
                    .hasMessageContaining("552");
            assertThat(smtp.lines).anyMatch(l -> l.startsWith("MAIL FROM"));
        }
    }

    /** Sends a 5000-byte file through a started channel whose SMTP server is {@code smtp}; returns what the send threw. */
    private Throwable sendLargeFile(TinySmtp smtp) {
        try (MailServers imap = new MailServers()) {
            EmailSettings s = new EmailSettings(MailServer.imap("EMAIL_IMAP_URL", imap.imapUrl()),
                    MailServer.smtp("EMAIL_SMTP_URL", "smtp://andy:secret@127.0.0.1:" + smtp.port()), MailServers.ADDRESS, dir,
                    EmailSettings.Timing.standard());
            EmailChannel channel = new EmailChannel(s);
            channel.start(new RecordingContext());
            try {
                return catchThrowable(() -> channel.sendFile(file(5000)));
            } finally {
                channel.stop();
            }
        }
    }

    private OutgoingFile file(int size) throws IOException {
        Path p = Files.write(dir.resolve("big.bin"), new byte[size]);
        return new OutgoingFile("mail:ann@example.org", new OutgoingFile.FileRef(p, "big.bin", "application/octet-stream", size),
                null, new Speaker("Andy", null), null);
    }

    /** An SMTP server for one client at a time: EHLO (with {@code SIZE} when given), AUTH, and the mail refused with 552 or taken. */
    private static final class TinySmtp implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final long size;
        private final boolean refuse;

        TinySmtp(long size, boolean refuse) throws IOException {
            this.size = size;
            this.refuse = refuse;
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    talk(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)),
                            new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void talk(BufferedReader in, PrintWriter out) throws IOException {
            out.print("220 tiny ESMTP\r\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                String cmd = line.toUpperCase(java.util.Locale.ROOT);
                String answer;
                if (cmd.startsWith("EHLO")) {
                    answer = "250-tiny\r\n" + (size > 0 ? "250-SIZE " + size + "\r\n" : "") + "250 AUTH PLAIN";
                } else if (cmd.startsWith("AUTH PLAIN ")) {
                    answer = "235 2.7.0 accepted";
                } else if (cmd.equals("AUTH PLAIN")) {
                    answer = "334 ";
                } else if (cmd.startsWith("DATA")) {
                    out.print("354 go on\r\n");
                    out.flush();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                        // the mail
                    }
                    answer = refuse ? "552 5.3.4 message size exceeds fixed maximum message size" : "250 2.0.0 queued";
                } else if (cmd.startsWith("QUIT")) {
                    out.print("221 bye\r\n");
                    out.flush();
                    return;
                } else {
                    answer = lines.size() > 1 && lines.get(lines.size() - 2).equals("AUTH PLAIN") ? "235 2.7.0 accepted" : "250 ok";
                }
                out.print(answer + "\r\n");
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
