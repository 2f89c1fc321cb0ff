package dev.pincer.bench;

import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Scheduler: due → sandbox asked. The model schedules {@code once} tasks one second apart through
 * the {@code schedule_task} host tool (as a user's "remind me" does); each is fed into the group's
 * warm sandbox. "Asked" is the host writing the task into the sandbox's input folder, seen with
 * inotify; the model's request for the task is noted beside it.
 */
final class SchedulerBench {
    private static final String FOLDER = "sched";

    private SchedulerBench() {}

    static void run(Context ctx, Report report) throws Exception {
        List<Long> due = new CopyOnWriteArrayList<>();
        List<Long> modelAsked = new CopyOnWriteArrayList<>();
        List<Long> written = new CopyOnWriteArrayList<>();
        try (FakeAnthropic model = new FakeAnthropic();
                HostProcess host = HostProcess.start(ctx.launch(), ctx.work(), model.baseUrl(), Map.of("PINCER_IDLE_TIMEOUT", "300"))) {
            model.respondWith(r -> answer(r, ctx.runs(), due, modelAsked));
            host.registerGroup(FOLDER);
            host.awaitReply(FOLDER, host.post(FOLDER, "@Andy remind me " + ctx.runs() + " times"));
            if (due.size() != ctx.runs()) {
                throw new IllegalStateException("bench: the model scheduled " + due.size() + " tasks, not " + ctx.runs());
            }
            Path input = host.home().resolve("data/ipc/" + FOLDER + "/input");
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                input.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                long end = due.getLast() + 10_000_000L;
                while (modelAsked.size() < ctx.runs() && Clock.micros() < end) {
                    var key = watch.poll(100, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        long now = Clock.micros();
                        key.pollEvents().forEach(e -> written.add(now));
                        key.reset();
                    }
                }
            }
        }
        List<Double> asked = new ArrayList<>();
        List<Double> toModel = new ArrayList<>();
        for (long d : due) {
            long w = written.stream().filter(t -> t >= d - 500_000).findFirst().orElseThrow(() -> new IllegalStateException(
                    "bench: no input for the task due at " + d + " was written into the sandbox"));
            asked.add(Clock.millisBetween(d, w));
            modelAsked.stream().filter(t -> t >= d).findFirst().ifPresent(t -> toModel.add(Clock.millisBetween(d, t)));
        }
        Stats stats = Stats.of(asked);
        ctx.out().printf("  scheduler: %d tasks, due -> sandbox asked p99 %.1f ms; due -> model asked median %.1f ms%n",
                asked.size(), stats.p99(), toModel.isEmpty() ? Double.NaN : Stats.of(toModel).median());
        report.add(new Row("scheduler_due_to_sandbox_asked_ms", "scheduler: due -> sandbox asked (see p99)", "ms", stats, "<= 50 ms p99"));
        if (!toModel.isEmpty()) {
            report.note("scheduler_due_to_model_asked_ms", Stats.of(toModel));
        }
    }

    /** Schedules {@code n} once-tasks, one second apart from 4 s on, then answers each as it runs. */
    private static Reply answer(RecordedRequest r, int n, List<Long> due, List<Long> modelAsked) {
        if (r.lastUserText().contains("<scheduled_task")) {
            modelAsked.add(Clock.micros());
            return Reply.text("time!");
        }
        if (!r.toolResults().isEmpty()) {
            return Reply.text("scheduled");
        }
        LocalDateTime base = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        List<Reply.ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDateTime at = base.plusSeconds(i);
            due.add(at.toInstant(ZoneOffset.UTC).toEpochMilli() * 1000);
            calls.add(new Reply.ToolCall("schedule_task", Map.of("prompt", "reminder " + i, "schedule_type", "once",
                    "schedule_value", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at), "context_mode", "group")));
        }
        return Reply.toolUses("", calls);
    }
}
