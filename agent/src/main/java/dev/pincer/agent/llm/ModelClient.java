package dev.pincer.agent.llm;

import java.io.IOException;

/** A model provider: one request in, one complete assistant turn out (retries included). */
public interface ModelClient {

    /**
     * @throws ApiException when the provider refused the call or kept failing after retries
     */
    default ModelTurn send(MessagesRequest request) throws ApiException, IOException, InterruptedException {
        return send(request, DraftListener.NONE);
    }

    /**
     * Like {@link #send(MessagesRequest)}; a streamed answer's text is also told to {@code drafts} as it arrives.
     *
     * @throws ApiException when the provider refused the call or kept failing after retries
     */
    ModelTurn send(MessagesRequest request, DraftListener drafts) throws ApiException, IOException, InterruptedException;
}
