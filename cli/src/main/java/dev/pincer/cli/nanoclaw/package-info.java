/**
 * {@code ./pincer import-nanoclaw}: reads a NanoClaw (v1) install ({@link dev.pincer.cli.nanoclaw.NanoClawInstall}:
 * its {@code store/messages.db}, its {@code groups/} folders, its mount allowlist), maps its chat ids to
 * Pincer's ({@link dev.pincer.cli.nanoclaw.ChatIds}) and carries groups, scheduled tasks, folders with
 * their memory and the allowlist over ({@link dev.pincer.cli.nanoclaw.Importer}), reporting what
 * could not be. May depend on {@code host.config}, {@code host.store}, {@code host.groups} and
 * {@code host.tasks}.
 */
package dev.pincer.cli.nanoclaw;
