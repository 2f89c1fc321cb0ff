/**
 * The WhatsApp Cloud API as the channel calls it over {@code java.net.http}: sending messages and
 * read receipts, uploading and downloading media, checking the phone number, and what its error
 * answers mean ({@link dev.pincer.channel.whatsapp.graph.GraphErrors}: slow down, refused for good,
 * or try again). May depend on the host's channel SPI ({@code dev.pincer.host.channel}) and Jackson.
 */
package dev.pincer.channel.whatsapp.graph;
