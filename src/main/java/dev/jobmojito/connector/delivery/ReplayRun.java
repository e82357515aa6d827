package dev.jobmojito.connector.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.sync.SyncOutcome;
import java.io.PrintStream;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * {@code replay}: sends every parked dead letter (the {@code dead_letter} rows of kind {@code job}, whichever
 * replica parked them) again through {@code direct:replay-job}, under the same delivery rules (retries,
 * reconciliation of lost answers, the posting's claim and the ledger). A letter that gets a final answer leaves
 * the table; one that fails again stays, with the new attempts added to its history.
 */
public final class ReplayRun {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final DeadLetters deadLetters;
    private final PrintStream out;
    /** Dead letters of other kinds, replayed after the jobs (the write-back's); each says how many stay parked. */
    private final List<java.util.function.ToIntFunction<PrintStream>> others =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public ReplayRun(CamelContext camel, ProducerTemplate producer, DeadLetters deadLetters, PrintStream out) {
        this.camel = camel;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.out = out;
    }

    /**
     * Replays another kind of dead letter too, after the jobs (the write-back registers its own).
     *
     * @param other prints what it replayed and returns how many of its letters are still parked
     */
    public void alsoReplay(java.util.function.ToIntFunction<PrintStream> other) {
        others.add(other);
    }

    /** @return 0 when every letter was delivered (or is now answered for good), 1 when some are still parked */
    public int run() throws Exception {
        for (String route : List.of("jobmojito-call", "jobmojito-send", "send-job", "sync-job", "replay-job",
                "job-result", "record-result", "results-file", "results-webhook-outbox")) {
            camel.getRouteController().startRoute(route);
        }
        List<DeadLetters.Letter> letters = deadLetters.all();
        out.println("Replaying " + letters.size() + " dead letters from " + deadLetters.where());
        int stillParked = 0;
        for (DeadLetters.Letter letter : letters) {
            Exchange done = producer.send("direct:replay-job",
                    exchange -> prepare(exchange, letter.name(), letter.content()));
            SyncOutcome outcome = done.getMessage().getBody(Job.class).outcome();
            boolean parkedAgain = deadLetters.exists(letter.name());
            stillParked += parkedAgain ? 1 : 0;
            out.println("  " + letter.name() + ": " + (outcome != null && !parkedAgain
                    ? outcome.status().value() + (outcome.interviewId() == null ? "" : " " + outcome.interviewId())
                    : "failed again, still parked"));
        }
        out.println("Replay: " + (letters.size() - stillParked) + " delivered or answered, " + stillParked
                + " still parked");
        for (java.util.function.ToIntFunction<PrintStream> other : others) {
            stillParked += other.applyAsInt(out);
        }
        return stillParked == 0 ? 0 : 1;
    }

    private static void prepare(Exchange exchange, String letter, JsonNode parked) {
        JsonNode source = parked.path("source");
        JobSource from = new JobSource(source.path("route").asText("replay"), source.path("file").asText(null),
                source.has("record") ? source.get("record").asInt() : null,
                source.has("line") ? source.get("line").asInt() : null);
        ObjectNode request = (ObjectNode) parked.get("request");
        MappedJob job = new MappedJob(from.record() == null ? 0 : from.record(), request, List.of(), null);
        JobInput input = new JobInput(InputRecord.of(job.index(), request, from.line(), null), null, from,
                parked.path("ledger_source").asText());
        Job replayed = new Job(input, parked.path("mapping").asText(null), letter);
        replayed.toSend(job);
        exchange.getIn().setBody(replayed);
    }
}
