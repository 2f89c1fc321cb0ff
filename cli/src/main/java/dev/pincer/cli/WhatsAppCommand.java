package dev.pincer.cli;

import dev.pincer.channel.whatsappweb.WebSettings;
import dev.pincer.channel.whatsappweb.session.Linker;
import dev.pincer.channel.whatsappweb.session.SessionFolder;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.chatapps.ChatApps;
import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pincer whatsapp link}: links the owner's personal WhatsApp number to Pincer as a companion
 * device (the WhatsApp Web channel, {@code channels/whatsapp-web/README.md}) with a QR code drawn in the
 * terminal or a pairing code; then applies {@code WHATSAPP_WEB_SELF_CHAT_MAIN}. {@code ./pincer whatsapp main}
 * applies that setting alone: the main group answers in the chat with oneself, or back in the web chat.
 */
@Command(name = "whatsapp", mixinStandardHelpOptions = true,
        description = "Link your personal WhatsApp number (the WhatsApp Web channel).",
        footer = {"", "Examples:", "  ./pincer whatsapp link", "  ./pincer whatsapp main"})
public final class WhatsAppCommand extends PincerCommand {

    static final Duration WAIT = Duration.ofMinutes(3);

    @Command(name = "link", mixinStandardHelpOptions = true, description = "Link this Pincer to your WhatsApp as a companion device (QR code or pairing code).",
            footer = {"", "Examples:", "  ./pincer whatsapp link", "  ./pincer whatsapp link --phone +4915112345678"})
    int link(@Option(names = "--phone", paramLabel = "NUMBER",
                     description = "Get a pairing code to type on the phone instead of a QR code (your number, with country code).")
             String phone,
             @Option(names = "--light", description = "Draw the QR code for a terminal with a light background.") boolean light,
             @Option(names = "--relink", description = "Replace a link that exists (the old device is dropped).") boolean relink)
            throws Exception {
        Config config = config();
        PrintWriter out = out();
        SessionFolder folder = folder(config);
        if (folder.linked() && !relink) {
            err().println("pincer: already linked to " + folder.linkedAs().orElse("a phone") + "; ./pincer whatsapp link --relink"
                    + " replaces the link (stop Pincer first)");
            return 1;
        }
        Linker.Method method = phone == null ? new Linker.Method.Qr(!light) : new Linker.Method.Code(Linker.phoneNumber(phone));
        out.println("Linking Pincer to your WhatsApp (waiting up to " + WAIT.toMinutes() + " minutes)...");
        out.flush();
        Linker.Linked linked = new Linker(folder, Clock.systemUTC()).link(method, text -> {
            out.println(text);
            out.flush();
        }, WAIT);
        out.println("Linked to " + linked.who() + ". The session is in " + folder.path() + " (only you can read it).");
        if (!settings(config).isPresent()) {
            out.println("Turn the channel on with WHATSAPP_WEB=on in .env, then start Pincer.");
        }
        applyMain(config, linked.selfChat(), out);
        return 0;
    }

    @Command(name = "main", mixinStandardHelpOptions = true,
            description = "Apply WHATSAPP_WEB_SELF_CHAT_MAIN: the main group answers in your chat with yourself"
            + " (on) or in the web chat (off).",
            footer = {"", "Example:", "  ./pincer whatsapp main"})
    int main() throws Exception {
        Config config = config();
        Optional<String> self = folder(config).selfChat();
        if (self.isEmpty()) {
            err().println("pincer: WhatsApp is not linked yet: run ./pincer whatsapp link");
            return 1;
        }
        applyMain(config, self.get(), out());
        return 0;
    }

    /** Moves the main group to the self chat, or back to the web chat, as the setting says. */
    private void applyMain(Config config, String selfChat, PrintWriter out) {
        boolean selfMain = settings(config).map(WebSettings::selfChatMain).orElse(false);
        try (Database db = Database.open(config.layout().database())) {
            GroupRegistry registry = new GroupRegistry(new GroupStore(db), config.layout(), config.assistant().name());
            registry.ensureDefaults();
            Group main = registry.byFolder(GroupRegistry.MAIN_FOLDER).filter(Group::isMain)
                    .or(() -> registry.all().stream().filter(Group::isMain).findFirst()).orElseThrow();
            String target = selfMain ? selfChat : main.jid().equals(selfChat) ? GroupRegistry.MAIN_JID : main.jid();
            if (!target.equals(main.jid())) {
                main = registry.moveMain(target);
            }
            out.println(selfMain ? "The main group answers in your WhatsApp chat with yourself (" + main.jid() + ")."
                    : "The main group answers in " + main.jid() + (main.jid().equals(selfChat) ? "" : "; set "
                    + WebSettings.SELF_CHAT_MAIN + "=on and run ./pincer whatsapp main to make your chat with yourself the main chat."));
        }
    }

    private static SessionFolder folder(Config config) {
        return new SessionFolder(ChatApps.dataDir(config.layout().dataDir(), "whatsapp-web"));
    }

    private static Optional<WebSettings> settings(Config config) {
        return WebSettings.from(new ChannelSettings(config.settings(), ChatApps.dataDir(config.layout().dataDir(), "whatsapp-web"),
                config.assistant().name()));
    }
}
