package dev.jobmojito.connector.poll;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * How the {@code process-poll} route's content enricher takes in one answer of the ATS: the answer (or the
 * failure of the call) goes into the {@link PollCycle} that is the body, which reads its records and works out
 * the next URL. The exchange keeps the cycle as its body.
 */
public final class AtsPages implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange cycleExchange, Exchange answerExchange) {
        PollCycle cycle = cycleExchange.getIn().getBody(PollCycle.class);
        Exception error = answerExchange.getException();
        cycle.take(error == null ? answerExchange.getIn().getBody(AtsPage.class) : null, error);
        return cycleExchange;
    }
}
