/**
 * {@code ./pincer backup} and {@code ./pincer restore}: one zip with a {@link dev.pincer.cli.backup.Manifest},
 * a consistent copy of the store taken online ({@code VACUUM INTO}), the group folders, the agents'
 * session transcripts and the settings (secrets only when asked). {@link dev.pincer.cli.backup.Backup}
 * writes it, {@link dev.pincer.cli.backup.Restore} puts it into an empty (or, when forced, cleared)
 * home. May depend on {@code host.config}, {@code host.store}, {@code cli.home} and {@code protocol}.
 */
package dev.pincer.cli.backup;
