package dev.jobmojito.connector.writeback;

import dev.jobmojito.connector.results.JobResult;
import java.io.PrintStream;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;

/**
 * {@code replay} for the write-back's dead letters (kind {@code writeback}): each is sent again through
 * {@code direct:ats-writeback}, its ledger row released first (whoever replays a letter whose answer was lost has
 * checked the ATS: replaying means "send it"). A letter that gets a final answer leaves the table; one that fails
 * again stays, rewritten with the new attempts. Registered with {@code delivery.ReplayRun}, which runs it after
 * the jobs' letters.
 */
public final class WritebackReplay {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final WritebackLetters letters;
    private final Writeback writeback;

    public WritebackReplay(CamelContext camel, ProducerTemplate producer, WritebackLetters letters,
                           Writeback writeback) {
        this.camel = camel;
        this.producer = producer;
        this.letters = letters;
        this.writeback = writeback;
    }

    /** @return how many write-back letters are still parked */
    public int run(PrintStream out) {
        List<WritebackLetters.Letter> parked = letters.all();
        if (parked.isEmpty()) {
            return 0;
        }
        try {
            for (Route route : camel.getRoutes()) {
                String id = route.getRouteId();
                if (id.startsWith("ats-writeback") || id.equals("ats-write-call") || id.startsWith("writeback-")) {
                    camel.getRouteController().startRoute(id);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the write-back routes: " + e.getMessage(), e);
        }
        out.println("Replaying " + parked.size() + " write-back dead letters");
        int still = 0;
        for (WritebackLetters.Letter letter : parked) {
            writeback.releaseForReplay(letter.content());
            JobResult result = producer.requestBodyAndHeader("direct:ats-writeback",
                    Writeback.fromLetter(letter.content()), WritebackRoutes.LETTER, letter.name(), JobResult.class);
            boolean again = letters.exists(letter.name());
            still += again ? 1 : 0;
            out.println("  " + letter.name() + ": " + (again ? "failed again, still parked" : result.status().value()));
        }
        return still;
    }
}
