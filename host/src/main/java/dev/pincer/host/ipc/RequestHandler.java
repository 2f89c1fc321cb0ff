package dev.pincer.host.ipc;

import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;

/** Carries out one well-formed host tool request. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @param folder  the calling group: the folder the request file appeared in, the only identity there is
     * @param tool    the tool, already known to exist
     * @param request the request; {@code args} is a JSON object
     * @return the answer for the agent; a refusal or failure is an {@link HostResponse.Error}
     */
    HostResponse handle(String folder, HostTool tool, HostRequest request);

    /**
     * Whether a call of {@code tool} may take minutes (a teammate's whole run): the
     * {@link RequestServer} then carries it out on a thread of its own, so the sandbox's other
     * requests (and other such calls) are not held up behind it.
     */
    default boolean detached(HostTool tool) {
        return false;
    }
}
