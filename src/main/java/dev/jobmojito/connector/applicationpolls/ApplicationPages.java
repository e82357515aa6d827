package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.poll.AtsPage;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * How {@code process-application-poll}'s enricher takes in one answer of {@code direct:ats-fetch} (the posting
 * polls' fetch route, {@code poll.AtsFetchRoutes}): into the {@link ApplicationPollCycle} that is the body, or the
 * call's failure, which fails the cycle. The exchange keeps the cycle as its body.
 */
public final class ApplicationPages implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange cycleExchange, Exchange answerExchange) {
        ApplicationPollCycle cycle = cycleExchange.getIn().getBody(ApplicationPollCycle.class);
        Exception error = answerExchange.getException();
        cycle.take(error == null ? answerExchange.getIn().getBody(AtsPage.class) : null, error);
        return cycleExchange;
    }
}
