/**
 * The {@code ./pincer} command line: picocli commands that parse their options, call the host and
 * print. {@code start} runs {@link dev.pincer.host.app.Pincer}, {@code doctor} prints
 * {@link dev.pincer.host.doctor.Doctor}'s checks, {@code tasks} lists and changes scheduled tasks,
 * {@code memory search} searches the memory index.
 * Nothing is assembled here; may depend on {@code host} only (the web chat is found at run time as a
 * {@code Frontend}).
 */
package dev.pincer.cli;
