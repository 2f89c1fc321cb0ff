package dev.pincer.channel.whatsappweb.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.auties.whatsapp.api.Whatsapp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's keys are the owner's only: what Cobalt writes there ends up 0600 in 0700 folders. */
class SessionFolderTest {

    @TempDir Path dir;

    @Test
    void keysCobaltWritesAreReadableByTheOwnerOnly() throws Exception {
        SessionFolder folder = new SessionFolder(dir.resolve("data/channels/whatsapp-web")).create();
        // a fresh session, as the link command starts one: Cobalt creates and saves its keys (no network)
        Whatsapp whatsapp = new Sessions(folder).fresh().unregistered(qr -> { });
        whatsapp.keys().serialize(false);
        whatsapp.store().serialize(false);

        List<Path> files;
        try (Stream<Path> all = Files.walk(folder.path())) {
            files = all.toList();
        }
        assertThat(files).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("keys.proto"));
        for (Path p : files) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
        assertThat(folder.linked()).as("keys alone are no link").isFalse();
        assertThat(new Sessions(folder).linked()).as("a session the phone never linked is not offered").isEmpty();
    }

    @Test
    void theLinkMarkerNamesTheAccountAndItsChatWithItself() {
        SessionFolder folder = new SessionFolder(dir.resolve("s")).create();
        assertThat(folder.linkedAs()).isEmpty();
        folder.state(new LinkState.CodeShown("ABCD1234", Instant.ofEpochSecond(1_764_000_000L)));
        assertThat(folder.state()).contains(new LinkState.CodeShown("ABCD1234", Instant.ofEpochSecond(1_764_000_000L)));

        folder.markLinked("wa:491700000001@s.whatsapp.net", "+491700000001 (Olivia)");

        assertThat(folder.linked()).isTrue();
        assertThat(folder.selfChat()).contains("wa:491700000001@s.whatsapp.net");
        assertThat(folder.linkedAs()).contains("+491700000001 (Olivia)");
        assertThat(folder.state()).as("the link is done").isEmpty();
        folder.unlink();
        assertThat(folder.linked()).isFalse();
    }

    @Test
    void aFolderThatIsASymbolicLinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("whatsapp-web"), elsewhere);
        assertThatThrownBy(() -> new SessionFolder(link).create()).hasMessageContaining("symbolic link");
    }

    @Test
    void aLinkInProgressIsKeptAsOneLineAndAnythingElseIsIgnored() {
        var qr = new LinkState.QrShown("2@abc,def,ghi,jkl,1", Instant.ofEpochSecond(1_764_000_000L));
        assertThat(LinkState.parse(qr.encode())).contains(qr);
        assertThat(qr.describe()).contains("QR code").contains("Linked devices");
        assertThat(LinkState.parse("garbage")).isEmpty();
        assertThat(LinkState.parse("qr notanumber x")).isEmpty();
    }

    @Test
    void aPhoneNumberIsWrittenWithItsCountryCode() {
        assertThat(Linker.phoneNumber("+49 151 1234-5678")).isEqualTo(4915112345678L);
        assertThat(Linker.phoneNumber("0049 (151) 12345678")).isEqualTo(4915112345678L);
        assertThatThrownBy(() -> Linker.phoneNumber("0151 12345678")).hasMessageContaining("country code");
        assertThatThrownBy(() -> Linker.phoneNumber("call me")).hasMessageContaining("--phone +");
        assertThat(Linker.shown("ABCD1234")).isEqualTo("ABCD-1234");
    }
}
