package dev.jobmojito.connector.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * Leader-only routes that are not intake (group {@value IntakeLeaderPolicy#LEADER_GROUP}, e.g. the round of link
 * notes an earlier run left, {@code invitation-links-left}): with two replicas electing their leader on one
 * database (the cluster service the connector runs on PostgreSQL, here on a shared H2), the route runs on one
 * replica only, and on the other once the first stops. A route of another group is not touched.
 */
class LeaderOnlyRoutesTest {

    private final List<DefaultCamelContext> replicas = new ArrayList<>();
    private final List<DefaultLockRepository> repositories = new ArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(DefaultCamelContext::stop);
        repositories.forEach(DefaultLockRepository::close);
    }

    private DefaultCamelContext replica(JdbcDataSource database, AtomicInteger rounds, AtomicInteger others)
            throws Exception {
        DefaultLockRepository repository = new DefaultLockRepository(database);
        repository.setRegion("leader-only-test");
        repository.setTimeToLive(2000);
        repository.setTransactionManager(new DataSourceTransactionManager(database));
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        repositories.add(repository);
        JdbcLockClusterService cluster = new JdbcLockClusterService(new JdbcLockRegistry(repository,
                Duration.ofSeconds(2)), Duration.ofMillis(300), Duration.ofMillis(100));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addRoutePolicyFactory(new IntakeLeaderPolicy(cluster, Set.of()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:left?period=50").routeId("links-left").group(IntakeLeaderPolicy.LEADER_GROUP)
                        .process(exchange -> rounds.incrementAndGet());
                from("timer:other?period=50").routeId("other").group("results")
                        .process(exchange -> others.incrementAndGet());
            }
        });
        camel.start();
        replicas.add(camel);
        return camel;
    }

    @Test
    void aLeaderGroupRouteRunsOnOneReplicaAtATimeAndMovesWhenItsReplicaStops() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:leader-only;DB_CLOSE_DELAY=-1");
        new JdbcTemplate(database).execute("CREATE TABLE IF NOT EXISTS INT_LOCK (LOCK_KEY CHAR(36) NOT NULL,"
                + " REGION VARCHAR(100) NOT NULL, CLIENT_ID CHAR(36), CREATED_DATE TIMESTAMP NOT NULL,"
                + " EXPIRED_AFTER TIMESTAMP NOT NULL, CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION))");
        AtomicInteger firstRounds = new AtomicInteger();
        AtomicInteger secondRounds = new AtomicInteger();
        AtomicInteger firstOthers = new AtomicInteger();
        AtomicInteger secondOthers = new AtomicInteger();
        DefaultCamelContext first = replica(database, firstRounds, firstOthers);
        DefaultCamelContext second = replica(database, secondRounds, secondOthers);

        Awaitility.await("one replica leads and runs the route").atMost(Duration.ofSeconds(20))
                .until(() -> firstRounds.get() + secondRounds.get() >= 5);
        DefaultCamelContext leader = firstRounds.get() > 0 ? first : second;
        DefaultCamelContext follower = leader == first ? second : first;
        AtomicInteger followerRounds = leader == first ? secondRounds : firstRounds;
        assertThat(followerRounds.get()).as("the route never ran on the other replica").isZero();
        assertThat(follower.getRouteController().getRouteStatus("links-left")).isNotEqualTo(ServiceStatus.Started);
        // a route of another group runs on both
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> firstOthers.get() > 0 && secondOthers.get() > 0);

        leader.stop();
        Awaitility.await("the other replica takes the route over").atMost(Duration.ofSeconds(20))
                .until(() -> followerRounds.get() > 0);
    }
}
