package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.proxy.EgressEvent.Verdict;
import dev.pincer.host.spend.BudgetNotices;
import dev.pincer.host.spend.Budgets;
import dev.pincer.host.spend.Prices;
import dev.pincer.host.spend.Spend;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.UsageStore;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.LlmErrors;
import dev.pincer.testkit.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A spent budget answers the next model call itself, in the provider's error shape, and never reaches the upstream. */
class LlmBudgetTest extends ModelServersFixture {
    static final String BODY = "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    final List<EgressEvent> audit = new CopyOnWriteArrayList<>();
    /** Closed after the proxy (which may still be settling a call into it). */
    @AutoClose
    Database db;
    OutboxStore outbox;
    UsageStore usage;
    Spend spend;

    @BeforeEach
    void setUp() {
        db = Database.open(tmp.resolve("store/pincer.db"));
        GroupStore groups = new GroupStore(db);
        groups.register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        outbox = new OutboxStore(db, new MessageStore(db));
        usage = new UsageStore(db);
        spend = new Spend(new Budgets(100, 50, 0, 0), Prices.builtIn(), usage,
                new BudgetNotices(usage, groups, outbox, () -> { }), Clock.system(ZoneOffset.UTC));
    }

    void start(LlmApi api, String upstream) throws Exception {
        start(api, upstream, audit::add, spend.meter("family"));
    }

    String call(String target) throws Exception {
        return UdsHttp.exchange(proxy.socketPath(), UdsHttp.post(target, BODY, "Content-Type: application/json"));
    }

    /**
     * Run "run-1" makes one allowed call to {@code target} (the answer queued upstream), which is counted as
     * {@code tokens}; the next call is refused with 429, and its raw response is returned.
     */
    String callOverRunBudget(String target, long tokens) throws Exception {
        proxy.beginRun("run-1");
        assertThat(UdsHttp.status(call(target))).as("the first call").isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> usage.run("run-1").tokens() == tokens);
        String refused = call(target);
        assertThat(UdsHttp.status(refused)).as(refused).isEqualTo(429);
        return refused;
    }

    @Test
    void theCallAfterTheRunBudgetIsSpentGets429BudgetExceededAndIsAudited() throws Exception {
        start(LlmApi.ANTHROPIC, anthropic.baseUrl());
        anthropic.enqueue(Reply.text("a long answer").usage(80, 40));

        String refused = callOverRunBudget("/llm/v1/messages", 120);
        JsonNode body = Json.MAPPER.readTree(UdsHttp.body(refused));
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(LlmErrors.BUDGET_EXCEEDED);
        assertThat(body.path("error").path("message").asText())
                .isEqualTo("budget exceeded: this run used 120 tokens, its budget is 100 (PINCER_MAX_RUN_TOKENS);"
                        + " further model calls are refused");
        assertThat(anthropic.requests()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 2);
        assertThat(audit.get(1).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(audit.get(1).status()).isEqualTo(429);
        assertThat(audit.get(1).reason()).startsWith("budget exceeded: this run used 120 tokens");
        assertThat(outbox.pending(10)).singleElement().satisfies(p -> {
            assertThat(p.chatJid()).isEqualTo("web:family");
            assertThat(p.text()).contains("120 tokens, over its budget of 100");
        });

        proxy.beginRun("run-2");
        anthropic.enqueue(Reply.text("ok"));
        assertThat(UdsHttp.status(call("/llm/v1/messages"))).as("a new run, a new budget").isEqualTo(200);
    }

    @Test
    void anOpenAiClientGetsTheErrorInItsOwnShape() throws Exception {
        start(LlmApi.OPENAI, openai.baseUrl());
        openai.enqueue(Reply.text("a long answer").usage(100, 40));

        String refused = callOverRunBudget("/llm/chat/completions", 140);
        JsonNode error = Json.MAPPER.readTree(UdsHttp.body(refused)).path("error");
        assertThat(error.path("type").asText()).isEqualTo(LlmErrors.BUDGET_EXCEEDED);
        assertThat(error.path("code").asText()).isEqualTo(LlmErrors.BUDGET_EXCEEDED);
        assertThat(error.path("message").asText()).contains("PINCER_MAX_RUN_TOKENS");
        assertThat(openai.requests()).hasSize(1);
    }
}
