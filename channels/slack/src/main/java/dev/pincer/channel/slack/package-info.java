/**
 * The Slack channel: a bot connected through Socket Mode (an outgoing WebSocket, so no public
 * webhook is needed) that receives messages as Events API envelopes and answers with the Web API's
 * {@code chat.postMessage}, in Slack's mrkdwn. Uses the Slack Java SDK ({@code slack-api-client}
 * with the Java-WebSocket backend) and the host's channel SPI ({@code dev.pincer.host.channel});
 * nothing in the host depends on it (it is found with {@link java.util.ServiceLoader}).
 */
package dev.pincer.channel.slack;
