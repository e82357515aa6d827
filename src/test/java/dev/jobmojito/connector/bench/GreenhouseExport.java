package dev.jobmojito.connector.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a Greenhouse Job Board export ({@code {"jobs": [...]}}, content escaped once) of any size, with
 * invented postings of realistic length (about 1 KB each: title, location, departments, offices, metadata and
 * an HTML description with a requirements list), varied but reproducible from a seed.
 */
public final class GreenhouseExport {

    private static final String[] ROLES = {"Software Engineer", "Warehouse Lead", "Data Analyst", "Support Specialist",
            "Product Designer", "Field Technician", "Account Executive", "QA Engineer"};
    private static final String[] PLACES = {"Berlin, Germany", "Remote - Europe", "Kraków, Poland (Hybrid)",
            "Zürich, Switzerland", "Lyon, France", "Lisboa, Portugal"};
    private static final String[] LANGUAGES = {"en", "en", "en", "de", "fr", "pl"};

    private GreenhouseExport() {
    }

    public static void write(Path file, int postings, long seed) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, postings, seed);
        }
    }

    public static void write(OutputStream stream, int postings, long seed) throws IOException {
        Random random = new Random(seed);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        out.write("{\"jobs\": [\n");
        for (int i = 0; i < postings; i++) {
            if (i > 0) {
                out.write(",\n");
            }
            out.write(posting(random, i));
        }
        out.write("\n], \"meta\": {\"total\": " + postings + "}}\n");
        out.flush();
    }

    /** The {@code i}-th posting of an export, drawn from {@code random}. */
    static String posting(Random random, int i) {
        int role = random.nextInt(ROLES.length);
        int place = random.nextInt(PLACES.length);
        return posting(5_000_000 + i, ROLES[role] + " " + (i % 97), PLACES[place],
                LANGUAGES[random.nextInt(LANGUAGES.length)], random.nextInt(5) + 3);
    }

    private static String posting(int id, String title, String place, String language, int bullets) {
        StringBuilder content = new StringBuilder();
        content.append("&lt;h2&gt;About the role&lt;/h2&gt;&lt;p&gt;Northwind builds robots that pick, pack &amp;amp; sort"
                + " parcels. As ").append(title).append(" you join a team of twelve and own a part of the product"
                + " from the first sketch to the rollout at our customers.&lt;/p&gt;&lt;h2&gt;Requirements&lt;/h2&gt;&lt;ul&gt;");
        for (int b = 0; b < bullets; b++) {
            content.append("&lt;li&gt;").append(b + 2).append("+ years of hands-on experience with systems like ours")
                    .append("&lt;/li&gt;");
        }
        content.append("&lt;/ul&gt;&lt;p&gt;Questions? Read our &lt;a href=\\\"https://northwind.example/faq\\\"&gt;FAQ&lt;/a&gt;.&lt;/p&gt;");
        return """
                {"absolute_url": "https://boards.greenhouse.io/northwind/jobs/%1$d", "internal_job_id": %2$d,
                 "location": {"name": "%3$s"}, "metadata": [{"id": 1, "name": "Workplace", "value": "%4$s", "value_type": "single_select"}],
                 "id": %1$d, "updated_at": "2026-10-02T09:14:00-04:00", "requisition_id": "REQ-%1$d", "title": "%5$s",
                 "company_name": "Northwind Robotics", "first_published": "2026-09-20T08:00:00-04:00", "language": "%6$s",
                 "content": "%7$s",
                 "departments": [{"id": 88001, "name": "Engineering", "child_ids": [], "parent_id": null}],
                 "offices": [{"id": 77001, "name": "Main", "location": "%3$s", "child_ids": [], "parent_id": null}]}"""
                .formatted(id, id - 1000, place, place.startsWith("Remote") ? "Remote" : "On-site", title, language,
                        content);
    }
}
