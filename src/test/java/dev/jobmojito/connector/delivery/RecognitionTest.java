package dev.jobmojito.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.TestMappings;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.sync.SyncDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A re-sync recognises an unchanged posting by its record's fingerprint and does not map it, but only when
 * nothing that decides its request changed: not the record, not the mapping's rules, not a variable they read,
 * not the request the ledger holds. Whatever is not recognised is handed on to be mapped, as before.
 * Real parts: the bundled Greenhouse mapping, the sample export, an H2 ledger migrated by Flyway.
 */
class RecognitionTest {

    private static final Path SAMPLE = Path.of("samples/greenhouse/jobs.json");
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path state;

    private DataSource database;
    private final IntakeGate gate = new IntakeGate(() -> { });
    private final Mapping greenhouse = TestMappings.bundled("greenhouse");

    @BeforeEach
    void sentOnce() throws Exception {
        sentOnce(new DriverManagerDataSource("jdbc:h2:mem:recognition-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    private void sentOnce(DataSource ledgerDatabase) throws Exception {
        database = ledgerDatabase;
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        // the sample's four postings, created by an earlier run with the requests the mapping makes
        Ledger earlier = new Ledger(database);
        int i = 0;
        for (MappedJob job : TestMappings.mapFile(greenhouse, SAMPLE)) {
            earlier.insertInFlight("greenhouse", job.code(), job.name(), hash(job), Json.write(job.request()), NOW);
            earlier.recordCreatedFromInFlight(Ledger.key("greenhouse", job.code()), "interview-" + i++, NOW);
        }
    }

    @Test
    void aPostingFoundUnchangedOnceIsRecognisedTheNextTimeWithoutMapping() throws Exception {
        String export = Files.readString(SAMPLE);

        // the first re-sync maps every record (nothing noted yet); finding them unchanged notes their fingerprints
        Run first = run(greenhouse, export);
        assertThat(first.recognised()).isEmpty();
        assertThat(first.mapped()).hasSize(4);
        first.mapAsTheJobPathDoes();

        Run second = run(greenhouse, export);
        assertThat(second.mapped()).isEmpty();
        assertThat(second.recognised()).hasSize(4);
        assertThat(second.results()).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(JobStatus.SKIPPED);
            assertThat(result.interviewDefSetId()).startsWith("interview-");
            assertThat(result.errors()).singleElement().asString().startsWith("unchanged since");
        });
        assertThat(second.results()).extracting(JobResult::code)
                .containsExactly("4012001", "4012002", "4012003", "4012004");
        // the name as last sent, and the record it came from
        assertThat(second.results().get(0).name()).isEqualTo("Senior Robotics Software Engineer");
        assertThat(second.results().get(2).source().record()).isEqualTo(2);
        // recognised postings are held by their batch: a complete poll does not close them
        assertThat(second.batch().held()).containsExactlyInAnyOrder("4012001", "4012002", "4012003", "4012004");
    }

    @Test
    void onPostgreSqlANewNoteReplacesTheOldOne() throws Exception {
        sentOnce(new DriverManagerDataSource(dev.jobmojito.connector.support.TestPostgres.newDatabase(), "postgres",
                ""));
        String export = Files.readString(SAMPLE);
        run(greenhouse, export).mapAsTheJobPathDoes();
        assertThat(run(greenhouse, export).recognised()).hasSize(4);

        // the mapping's own description edited: other fingerprints, the same requests
        String rules = Files.readString(Path.of("mappings/greenhouse.yaml"));
        Mapping redescribed = TestMappings.loader().load("greenhouse", "greenhouse.yaml", new StringReader(
                rules.replaceFirst("(?m)^description: .*$", "description: Greenhouse, the Northwind board")));
        Run mappedAgain = run(redescribed, export);
        assertThat(mappedAgain.mapped()).hasSize(4);
        mappedAgain.mapAsTheJobPathDoes();

        assertThat(new org.springframework.jdbc.core.JdbcTemplate(database)
                .queryForObject("SELECT COUNT(*) FROM posting_fingerprint", Integer.class)).isEqualTo(4);
        assertThat(run(redescribed, export).recognised()).hasSize(4);
        assertThat(run(greenhouse, export).recognised()).as("the old notes were replaced").isEmpty();
    }

    @Test
    void aChangedRecordIsMappedAgainEvenInAMemberTheRequestDoesNotUse() throws Exception {
        String export = Files.readString(SAMPLE);
        run(greenhouse, export).mapAsTheJobPathDoes();

        ObjectNode document = (ObjectNode) Json.MAPPER.readTree(export);
        ((ObjectNode) document.withArray("jobs").get(1)).put("title", "Customer Success Lead (DACH)");
        ((ObjectNode) document.withArray("jobs").get(3)).put("updated_at", "2026-12-01T08:00:00Z");
        Run changed = run(greenhouse, Json.write(document));

        assertThat(changed.mapped()).extracting(input -> input.record().index()).containsExactly(1, 3);
        assertThat(changed.recognised()).hasSize(2);
        // a number and the same digits as text are not the same record
        ObjectNode retyped = (ObjectNode) Json.MAPPER.readTree(export);
        ((ObjectNode) retyped.withArray("jobs").get(0)).put("id", "4012001");
        assertThat(run(greenhouse, Json.write(retyped)).mapped()).extracting(input -> input.record().index())
                .containsExactly(0);
    }

    @Test
    void aChangedMappingOrVariableMapsEveryRecordAgain() throws Exception {
        String export = Files.readString(SAMPLE);
        run(greenhouse, export).mapAsTheJobPathDoes();
        assertThat(run(greenhouse, export).recognised()).hasSize(4);

        // the same rules loaded again: the same fingerprints
        Mapping reloaded = TestMappings.bundled("greenhouse");
        assertThat(run(reloaded, export).recognised()).hasSize(4);

        // one rule changed (a comment does not count)
        String rules = Files.readString(Path.of("mappings/greenhouse.yaml"));
        Mapping commented = TestMappings.loader().load("greenhouse", "greenhouse.yaml",
                new StringReader("# reviewed on 2026-12-01\n" + rules));
        assertThat(run(commented, export).recognised()).hasSize(4);
        Mapping edited = TestMappings.loader().load("greenhouse", "greenhouse.yaml",
                new StringReader(rules + "\nskip:\n  - when: {path: $.id, equals: \"no such id\"}\n"
                        + "    reason: never\n"));
        assertThat(run(edited, export).recognised()).isEmpty();

        // a variable the rules read (the interview template, here) resolved to something else
        Mapping otherAvatar = new dev.jobmojito.connector.mapping.MappingLoader(name ->
                name.equals(dev.jobmojito.connector.mapping.MappingLoader.TEMPLATE_ID_VARIABLE)
                        ? "0a5a7a52-3b39-4f0e-9d56-0d4b8c1e2f11" : null).load(Path.of("mappings/greenhouse.yaml"));
        assertThat(run(otherAvatar, export).recognised()).isEmpty();
    }

    @Test
    void aNoteMadeForAnEarlierRequestSaysNothing() throws Exception {
        String export = Files.readString(SAMPLE);
        run(greenhouse, export).mapAsTheJobPathDoes();

        // the first posting's request changed since its fingerprint was noted (an update by another replica, say)
        Ledger other = new Ledger(database);
        String key = Ledger.key("greenhouse", "4012001");
        other.markInFlight("greenhouse", "4012001", "Renamed", sha256("another request"), "{}", NOW);
        other.recordCreatedFromInFlight(key, "interview-9", NOW);

        Run after = run(greenhouse, export);
        assertThat(after.mapped()).extracting(input -> input.record().index()).containsExactly(0);
        assertThat(after.recognised()).hasSize(3);
    }

    @Test
    void whatIsNotRecognisedComesInReadingOrderAndRecognisedOnesInChunks() throws Exception {
        // more postings than one chunk holds: 600 sent, the first 300 noted, the rest not
        List<ObjectNode> postings = new ArrayList<>();
        ObjectNode template = (ObjectNode) Json.MAPPER.readTree(Files.readString(SAMPLE)).withArray("jobs").get(0);
        Ledger earlier = new Ledger(database);
        for (int i = 0; i < 600; i++) {
            ObjectNode posting = template.deepCopy();
            posting.put("id", 5_000_000 + i);
            postings.add(posting);
            MappedJob job = greenhouse.map(posting, null, i);
            earlier.insertInFlight("greenhouse", job.code(), job.name(), hash(job), Json.write(job.request()), NOW);
            earlier.recordCreatedFromInFlight(Ledger.key("greenhouse", job.code()), "interview-" + i, NOW);
        }
        ObjectNode document = Json.object();
        document.putArray("jobs").addAll(postings);
        String export = Json.write(document);
        ObjectNode firstHalf = Json.object();
        firstHalf.putArray("jobs").addAll(postings.subList(0, 300));
        run(greenhouse, Json.write(firstHalf)).mapAsTheJobPathDoes();

        Run run = run(greenhouse, export);
        assertThat(run.items()).hasSize(2 + 300);
        assertThat(run.items().get(0)).isInstanceOfSatisfying(RecognisedPostings.class,
                chunk -> assertThat(chunk.jobs()).hasSize(Recognition.CHUNK));
        // the rest of the noted ones come with the records read after them, at the end
        assertThat(run.items().get(run.items().size() - 1)).isInstanceOfSatisfying(RecognisedPostings.class,
                chunk -> assertThat(chunk.jobs()).hasSize(300 - Recognition.CHUNK));
        assertThat(run.mapped()).extracting(input -> input.record().index())
                .isEqualTo(java.util.stream.IntStream.range(300, 600).boxed().toList());
    }

    @Test
    void afterIntakeClosedRecognisedPostingsAreLeftForTheNextRun() throws Exception {
        String export = Files.readString(SAMPLE);
        run(greenhouse, export).mapAsTheJobPathDoes();
        Run run = run(greenhouse, export);
        gate.pause("stopping");

        RecognisedPostings chunk = (RecognisedPostings) run.items().get(0);
        assertThat(recognition().results(chunk)).isEmpty();
        recognition().recorded(chunk);
        assertThat(run.batch().tally().jobsLeft()).isEqualTo(4);
        assertThat(run.batch().finished()).isFalse();
    }

    private Recognition recognition() {
        // a ledger read anew, as by the next run: nothing of an earlier read-ahead carries over
        return recognition(new Ledger(database));
    }

    private Recognition recognition(Ledger ledger) {
        SyncDelivery sync = new SyncDelivery(ledger, null, null,
                new ConnectorMetrics(new SimpleMeterRegistry()), Clock.fixed(NOW, ZoneOffset.UTC));
        // the ledger is an in-memory database here: no ledger file to watch, the state folder only
        return new Recognition(sync, gate, new StateGuard(state, null),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aPostingWrittenSinceItWasRecognisedTakesTheJobPathAfterAll() throws Exception {
        String export = Files.readString(SAMPLE);
        run(greenhouse, export).mapAsTheJobPathDoes();

        Ledger ledger = new Ledger(database);
        Recognition recognition = recognition(ledger);
        Run run = run(greenhouse, export, recognition);
        RecognisedPostings chunk = (RecognisedPostings) run.items().get(0);
        assertThat(chunk.jobs()).hasSize(4);
        // meanwhile the first posting is being sent again (the same posting further on in the file, changed)
        ledger.markInFlight("greenhouse", "4012001", "Renamed", sha256("another request"), "{}", NOW);

        assertThat(recognition.results(chunk)).extracting(JobResult::code)
                .containsExactly("4012002", "4012003", "4012004");
        assertThat(recognition.revoked(chunk)).extracting(input -> input.record().index()).containsExactly(0);
        recognition.recorded(chunk);
        assertThat(run.batch().tally().jobsLeft()).isZero();
    }

    @Test
    void aLedgerThatCannotBeReadOrWrittenNeitherRecognisesNorFailsAJob() throws Exception {
        String export = Files.readString(SAMPLE);
        // a note that cannot be written is given up (the posting is mapped again next time), the job goes on
        Ledger ledger = new Ledger(database);
        SyncDelivery sync = new SyncDelivery(ledger, null, null, new ConnectorMetrics(new SimpleMeterRegistry()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ObjectNode posting = (ObjectNode) Json.MAPPER.readTree(export).withArray("jobs").get(0);
        assertThat(sync.unchanged("greenhouse", greenhouse.map(posting, null, 0), greenhouse.fingerprint(posting)))
                .isPresent();
        new org.springframework.jdbc.core.JdbcTemplate(database).execute("DROP TABLE posting_fingerprint");
        ledger.close();

        // the read-ahead fails: every record takes the job path, which reports what it meets
        assertThat(run(greenhouse, export).mapped()).hasSize(4);
    }

    /** One pass of the recognition over an export, as the split of process-file takes it. */
    private Run run(Mapping mapping, String export) {
        return run(mapping, export, recognition());
    }

    private Run run(Mapping mapping, String export, Recognition recognition) {
        IntakeBatch batch = new IntakeBatch("inbox", "greenhouse/jobs.json", mapping,
                RecordStreams.open(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)), "jobs.json",
                        mapping), gate, "greenhouse");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(FileIntake.INPUT, batch);
        List<Object> items = new ArrayList<>();
        for (Iterator<Object> jobs = recognition.jobs(exchange); jobs.hasNext(); ) {
            items.add(jobs.next());
        }
        return new Run(batch, items, mapping);
    }

    private final class Run {
        private final IntakeBatch batch;
        private final List<Object> items;
        private final Mapping mapping;

        Run(IntakeBatch batch, List<Object> items, Mapping mapping) {
            this.batch = batch;
            this.items = items;
            this.mapping = mapping;
        }

        IntakeBatch batch() {
            return batch;
        }

        List<Object> items() {
            return items;
        }

        List<JobInput> mapped() {
            return items.stream().filter(JobInput.class::isInstance).map(JobInput.class::cast).toList();
        }

        List<Job> recognised() {
            return items.stream().filter(RecognisedPostings.class::isInstance)
                    .flatMap(chunk -> ((RecognisedPostings) chunk).jobs().stream()).toList();
        }

        List<JobResult> results() {
            return recognised().stream().map(Job::result).toList();
        }

        /** What deliver-job does with each record handed on: map it, find it unchanged, note its fingerprint. */
        void mapAsTheJobPathDoes() {
            Ledger ledger = new Ledger(database);
            SyncDelivery sync = new SyncDelivery(ledger, null, null,
                    new ConnectorMetrics(new SimpleMeterRegistry()), Clock.fixed(NOW, ZoneOffset.UTC));
            for (JobInput input : mapped()) {
                MappedJob job = mapping.map(input.record().node(), null, input.record().index());
                assertThat(sync.unchanged("greenhouse", job, mapping.fingerprint(input.record().node())))
                        .as("record %s unchanged", input.record().index()).isPresent();
            }
            // the notes are written with others, at the latest when the ledger closes
            ledger.close();
        }
    }

    private static String hash(MappedJob job) {
        return sha256(Json.write(job.request()));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
