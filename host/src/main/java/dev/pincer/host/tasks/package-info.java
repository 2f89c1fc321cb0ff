/**
 * Scheduled tasks, the whole feature: the {@link dev.pincer.host.tasks.Task} and its runs, their
 * storage ({@link dev.pincer.host.tasks.TaskStore}), schedules and the 5-field
 * {@link dev.pincer.host.tasks.CronExpression}, the {@link dev.pincer.host.tasks.Scheduler} that claims
 * due runs, the runs waiting per group for a sandbox ({@link dev.pincer.host.tasks.DueTasks}), how a
 * run's end is recorded and a failure told to its chat ({@link dev.pincer.host.tasks.TaskOutcomes}),
 * and the changes the host tools, the CLI and the web API make ({@link dev.pincer.host.tasks.TaskService},
 * behind {@link dev.pincer.host.tasks.TaskControl} for the host tools). It may depend on {@code store}
 * (the database, the outbox), {@code events} and {@code config}; the runner and the host tools depend
 * on it, never the other way round. Who may change which task is decided by the host tools.
 */
package dev.pincer.host.tasks;
