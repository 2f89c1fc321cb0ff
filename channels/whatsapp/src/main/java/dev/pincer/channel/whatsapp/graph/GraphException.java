package dev.pincer.channel.whatsapp.graph;

import java.io.IOException;

/**
 * The Graph API did not do what was asked, and trying again later may help.
 *
 * @see GraphErrors
 */
public final class GraphException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean serviceDown;

    /** @param serviceDown the API cannot be used at all right now (unreachable, 5xx, the token refused) */
    public GraphException(String message, boolean serviceDown) {
        super(message);
        this.serviceDown = serviceDown;
    }

    public boolean serviceDown() {
        return serviceDown;
    }
}
