/**
 * Registered groups beyond their row in the store: {@link dev.pincer.host.groups.GroupRegistry}
 * registers and removes them (the folder and its default {@code CLAUDE.md}, the main group on first
 * start, the defaults of a new group) and {@link dev.pincer.host.groups.GroupConfig} reads a group's
 * own settings. May depend on {@code store}, {@code config} and {@code channel}.
 */
package dev.pincer.host.groups;
