/**
 * Email text in both directions, without any mail library: HTML bodies as plain text, quoted
 * history and signatures taken off a received reply, and a Markdown reply written as plain text.
 * Depends on nothing but the JDK.
 */
package dev.pincer.channel.email.text;
