package dev.pincer.host.sandbox;

/** The numeric uid and gid an agent runs as inside its sandbox ({@code PINCER_AGENT_UID}, {@code PINCER_AGENT_GID}). */
public record AgentUser(int uid, int gid) {}
