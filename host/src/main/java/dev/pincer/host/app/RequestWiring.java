package dev.pincer.host.app;

import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.hosttools.GroupTools;
import dev.pincer.host.hosttools.HostTools;
import dev.pincer.host.hosttools.MemoryTools;
import dev.pincer.host.hosttools.SendMessage;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.media.MediaIntake;
import dev.pincer.host.media.OutgoingFiles;
import dev.pincer.host.media.SandboxFiles;
import dev.pincer.host.memory.MemorySearch;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.tasks.TaskControl;
import dev.pincer.host.team.TeamLaunch;
import dev.pincer.host.team.Teammates;
import java.util.function.Predicate;

/**
 * What answers a group sandbox's host requests, wired in one place: the host tools of docs/DESIGN.md
 * section 7 and, in front of them, the sandbox teammates ({@code start_teammate}, whose own sandboxes
 * get the host tools their definitions list).
 */
final class RequestWiring {
    private RequestWiring() {}

    /** The stores the host tools and the teammates read and write. */
    record Stores(GroupRegistry registry, GroupStore groups, MessageStore messages, RunLedger ledger, AuditLog audit) {}

    /**
     * What the host tools act through.
     *
     * @param takesFiles whether the app of a chat can receive files
     */
    record Services(SendMessage.Queues queues, SenderCheck senders, MediaIntake media, Predicate<String> takesFiles,
                    TaskControl tasks, MemorySearch search) {}

    /** The request server of each group sandbox. */
    static RequestServer.Factory requests(Config config, Stores stores, Services services, TeamLaunch launch) {
        HostTools hostTools = new HostTools(stores.registry(), stores.audit(), new SendMessage(stores.registry(),
                services.queues(), services.senders(), new OutgoingFiles(config.layout(), services.media()), services.takesFiles()),
                services.tasks(), new GroupTools(stores.registry(), stores.messages()),
                new MemoryTools(services.search(), stores.registry()));
        Teammates team = new Teammates(hostTools, launch, new Teammates.Stores(stores.groups(), stores.ledger()),
                new SandboxFiles(config.layout()));
        return ipc -> new RequestServer(ipc, team, stores.audit(), RequestServer.DEFAULT_LIMIT);
    }
}
