package dev.pincer.host.pairing;

import dev.pincer.host.channel.ChatId;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.StoredMessage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct messages from people nobody approved yet. Such a DM gets one short reply with a pairing
 * code (at most one per sender per {@link #CODE_EVERY}); nothing of theirs reaches a model. The
 * owner approves the code ({@code ./pincer pair CODE}, or {@code POST /api/pairings/{code}} from the web app
 * tool), which registers that DM as a group answering every message; what was said before it
 * stays out of the model's reach (a group's cursor starts at its chat's last message).
 */
public final class Pairing {

    private static final Logger log = LoggerFactory.getLogger(Pairing.class);
    /** How often one sender is sent a new code. */
    public static final Duration CODE_EVERY = Duration.ofHours(1);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An approved code: the group it registered. */
    public record Approved(String code, Group group) {}

    /** A code waiting for the owner. */
    public record Waiting(String code, String chatJid, String senderName, Instant createdAt) {}

    private final PairingStore store;
    private final GroupRegistry registry;
    private final ReplyQueue replies;
    private final String assistantName;
    private final Clock clock;

    public Pairing(Database db, GroupRegistry registry, ReplyQueue replies, String assistantName, Clock clock) {
        this.store = new PairingStore(db);
        this.registry = registry;
        this.replies = replies;
        this.assistantName = assistantName;
        this.clock = clock;
    }

    /** Whether a message in {@code chat} from someone unknown asks for pairing: a direct message, not the local web chat. */
    public static boolean applies(StoredMessage.Chat chat) {
        return !chat.group() && !ChatId.channel(chat.jid()).equals("web");
    }

    /** A DM in an unregistered chat: sends a code unless this sender got one within {@link #CODE_EVERY}. */
    public void unknownDirectMessage(StoredMessage.Chat chat, StoredMessage.Sender sender) {
        Instant now = clock.instant();
        String senderId = sender.id() == null ? chat.jid() : sender.id();
        if (store.latest(senderId, chat.jid(), now.minus(CODE_EVERY)).isPresent()) {
            return;
        }
        String code = newCode();
        store.insert(new PairingStore.Code(code, chat.jid(), chat.name(), senderId, sender.name(), now));
        log.info("pairing code {} sent to {} ({})", code, chat.jid(), sender.name());
        replies.send(chat.jid(), "Hi, I'm " + assistantName + ". I only talk with people my owner has approved. "
                + "To be approved, give my owner this code: " + code + " (they run ./pincer pair " + code + ").", null);
    }

    /**
     * Approves {@code code}: registers its DM as a group and tells the person. Empty when the code is
     * unknown or was used before.
     */
    public Optional<Approved> approve(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        Optional<PairingStore.Code> found = store.approve(c, clock.instant());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PairingStore.Code p = found.get();
        String name = p.senderName() == null ? p.chatJid() : p.senderName();
        Group group = registry.register(new GroupRegistry.NewGroup(p.chatJid(), freeFolder(name), name, null, false, "{}"));
        replies.send(p.chatJid(), "You're approved. I'm " + assistantName + "; how can I help?", null);
        log.info("pairing {} approved: {} is group {}", c, p.chatJid(), group.folder());
        return Optional.of(new Approved(c, group));
    }

    /** Codes waiting for the owner, newest first. */
    public List<Waiting> waiting() {
        return store.waiting().stream().map(p -> new Waiting(p.code(), p.chatJid(), p.senderName(), p.createdAt())).toList();
    }

    private String freeFolder(String name) {
        String base = "dm-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        base = base.length() > 40 ? base.substring(0, 40) : base;
        if (base.equals("dm-")) {
            base = "dm";
        }
        String folder = base;
        for (int i = 2; registry.byFolder(folder).isPresent(); i++) {
            folder = base + "-" + i;
        }
        return folder;
    }

    private static String newCode() {
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
