package dev.pincer.host.team;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.hosttools.Authorization.Verdict;
import dev.pincer.host.hosttools.HostTools;
import dev.pincer.host.ipc.RequestHandler;
import dev.pincer.host.store.Group;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;

/**
 * The host tools as one sandbox teammate gets them: the requests of its sandbox come from it and
 * nobody else, so the host knows its group, definition and depth. {@link TeamAuthorization} decides
 * what it may call at all; what it may call is carried out by the {@link HostTools} as for a
 * non-main group (a teammate of main is not main), and its {@code send_message} always speaks under
 * its own name.
 */
record TeammateTools(Teammates team, HostTools hostTools, Teammate teammate) implements RequestHandler {

    @Override
    public HostResponse handle(String folder, HostTool tool, HostRequest request) {
        if (TeamAuthorization.hostTool(teammate.definition(), tool) instanceof Verdict.Refuse r) {
            return team.refused(teammate.group().folder(), request, "teammate " + teammate.id() + ": " + r.reason());
        }
        if (tool == HostTool.START_TEAMMATE) {
            return team.start(teammate.group(), teammate, request);
        }
        Group g = teammate.group();
        Group asOther = new Group(g.folder(), g.jid(), g.name(), g.trigger(), false, g.config());
        return hostTools.answer(asOther, tool, tool == HostTool.SEND_MESSAGE ? signed(request) : request);
    }

    @Override
    public boolean detached(HostTool tool) {
        return tool == HostTool.START_TEAMMATE;
    }

    /** The request with {@code sender} set to the teammate's name, whatever it asked for. */
    private HostRequest signed(HostRequest request) {
        ObjectNode args = request.args() != null && request.args().isObject()
                ? ((ObjectNode) request.args()).deepCopy() : Json.MAPPER.createObjectNode();
        args.put("sender", teammate.name());
        return new HostRequest(request.id(), request.tool(), args);
    }
}
