package dev.pincer.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailServerTest {

    @Test
    void anImapsUrlWithAnEncodedPasswordAndDefaults() {
        MailServer s = MailServer.imap("EMAIL_IMAP_URL", "imaps://andy%40example.org:p%40ss%3Aw%2Fd+1@imap.example.org");
        assertThat(s).isEqualTo(new MailServer(MailServer.Protocol.IMAPS, "imap.example.org", 993, "andy@example.org",
                "p@ss:w/d+1", "INBOX"));
        assertThat(s.toString()).isEqualTo("imaps://andy@example.org@imap.example.org:993/INBOX").doesNotContain("p@ss");
        assertThat(MailServer.imap("X", "imap://u:p@127.0.0.1:1143/Lists/Pincer").folder()).isEqualTo("Lists/Pincer");
    }

    @Test
    void smtpUrlsAndTheirPorts() {
        assertThat(MailServer.smtp("EMAIL_SMTP_URL", "smtps://u:p@smtp.example.org").port()).isEqualTo(465);
        assertThat(MailServer.smtp("EMAIL_SMTP_URL", "smtp://u:p@smtp.example.org").port()).isEqualTo(587);
        assertThat(MailServer.smtp("EMAIL_SMTP_URL", "smtp://u:p@smtp.example.org:2525").port()).isEqualTo(2525);
    }

    @Test
    void plainConnectionsMustUseStartTlsUnlessTheServerIsThisMachine() {
        Properties remote = new Properties();
        MailServer.smtp("S", "smtp://u:p@smtp.example.org").configure(remote);
        assertThat(remote).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true");
        Properties local = new Properties();
        MailServer.imap("I", "imap://u:p@127.0.0.1:3143").configure(local);
        assertThat(local).containsEntry("mail.imap.starttls.required", "false");
        Properties tls = new Properties();
        MailServer.imap("I", "imaps://u:p@imap.example.org").configure(tls);
        assertThat(tls).containsEntry("mail.imaps.ssl.enable", "true").containsEntry("mail.imaps.ssl.checkserveridentity", "true");
    }

    @Test
    void wrongUrlsAreRefusedNamingTheSettingButNeverThePassword() {
        assertThatThrownBy(() -> MailServer.imap("EMAIL_IMAP_URL", "pop3://u:secret1@host"))
                .hasMessageContaining("EMAIL_IMAP_URL must start with imaps:// or imap://").hasMessageNotContaining("secret1");
        assertThatThrownBy(() -> MailServer.imap("EMAIL_IMAP_URL", "imaps://u:sec ret2@host"))
                .hasMessageContaining("EMAIL_IMAP_URL is not a valid URL").hasMessageNotContaining("sec ret2");
        assertThatThrownBy(() -> MailServer.imap("EMAIL_IMAP_URL", "imaps://host:993/INBOX"))
                .hasMessageContaining("needs a host, a user and a password");
        assertThatThrownBy(() -> MailServer.smtp("EMAIL_SMTP_URL", "smtps://u:secret3@host/INBOX"))
                .hasMessageContaining("EMAIL_SMTP_URL takes no path").hasMessageNotContaining("secret3");
        assertThatThrownBy(() -> MailServer.smtp("EMAIL_SMTP_URL", "imaps://u:secret4@host"))
                .hasMessageContaining("smtps:// or smtp://").hasMessageNotContaining("secret4");
    }
}
