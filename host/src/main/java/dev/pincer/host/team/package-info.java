/**
 * Isolated teammates (docs/SECURITY.md, "Isolated teammates"): the host side of {@code start_teammate}.
 * {@link dev.pincer.host.team.Teammates} serves the group sandbox's requests (the call itself, the
 * rest to the host tools), {@link dev.pincer.host.team.TeamAuthorization} decides who may start
 * teammates and which host tools a teammate may call, a teammate's sandbox mounts only its type's
 * memory folder (lent out of the group folder by {@code MemoryFolders}) and the run's scratch folder,
 * and its report is the answer. May depend on {@code protocol}, {@code hosttools}, {@code ipc},
 * {@code run} (the agent command and settings), {@code sandbox}, {@code proxy}, {@code media} (reading a
 * definition file safely), {@code groups}, {@code outbox}, {@code store} and {@code config}.
 */
package dev.pincer.host.team;
