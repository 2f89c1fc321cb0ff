package dev.pincer.channel.whatsapp.webhook;

import dev.pincer.host.channel.Webhook;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /webhooks/whatsapp}: {@code GET} is Meta's subscription handshake (the challenge is echoed
 * only for {@code hub.mode=subscribe} with the right verify token, else 403); {@code POST} is a
 * notification, taken only with a valid {@code X-Hub-Signature-256} (else 401, nothing read) and
 * answered as soon as the {@link Receiver} has stored it, so Meta does not retry it.
 */
public final class WebhookEndpoint implements Webhook {

    public static final String PATH = "/webhooks/whatsapp";

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    /** Where notifications go. */
    public interface Receiver {
        /** False until the channel was started: Meta is then told to come back (503) and retries. */
        boolean ready();

        /** Stores what came (before returning) and starts anything slow on another thread. */
        void accept(Notification notification);
    }

    /** What the endpoint checks calls with, besides the receiver. */
    public record Secrets(String appSecret, String verifyToken, String phoneNumberId) {
        /** Never the secret or the verify token. */
        @Override
        public String toString() {
            return "Secrets[appSecret=****, verifyToken=****, phoneNumberId=" + phoneNumberId + "]";
        }
    }

    private final Secrets secrets;
    private final Receiver receiver;

    public WebhookEndpoint(Secrets secrets, Receiver receiver) {
        this.secrets = secrets;
        this.receiver = receiver;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Response handle(Request request) {
        return switch (request.method()) {
            case "GET" -> verify(request);
            case "POST" -> notification(request);
            default -> Response.text(405, "use GET (verification) or POST (notifications)");
        };
    }

    private Response verify(Request r) {
        String challenge = r.query().get("hub.challenge");
        if ("subscribe".equals(r.query().get("hub.mode")) && challenge != null
                && Signature.same(secrets.verifyToken(), r.query().get("hub.verify_token"))) {
            log.info("whatsapp: Meta verified the webhook");
            return Response.text(200, challenge);
        }
        log.warn("whatsapp: a webhook verification with a wrong verify token or mode was refused");
        return Response.text(403, "verification refused: the verify token does not match WHATSAPP_VERIFY_TOKEN");
    }

    private Response notification(Request r) {
        if (!Signature.valid(secrets.appSecret(), r.body(), r.header("X-Hub-Signature-256"))) {
            log.warn("whatsapp: a webhook call without a valid X-Hub-Signature-256 was refused (is WHATSAPP_APP_SECRET the app's secret?)");
            return Response.text(401, "invalid signature");
        }
        Notification n;
        try {
            n = Notification.parse(r.body(), secrets.phoneNumberId());
        } catch (IOException e) {
            log.warn("whatsapp: a signed webhook call was not readable: {}", e.getMessage());
            return Response.text(400, "not a WhatsApp notification: " + e.getMessage());
        }
        if (!receiver.ready()) {
            return Response.text(503, "not started yet");
        }
        receiver.accept(n);
        return Response.text(200, "ok");
    }
}
