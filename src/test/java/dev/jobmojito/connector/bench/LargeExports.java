package dev.jobmojito.connector.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Exports of any size in the other input formats, for the memory benchmark: NDJSON (Greenhouse postings, one
 * per line), a CSV spreadsheet in the shape {@code mappings/csv.yaml} documents, and an Indeed-style XML feed
 * as {@code mappings/indeed.yaml} reads it. Invented postings of about 1 KB each, varied but reproducible.
 */
final class LargeExports {

    private static final String[] ROLES = {"Software Engineer", "Warehouse Lead", "Data Analyst", "Support Specialist",
            "Product Designer", "Field Technician", "Account Executive", "QA Engineer"};
    private static final String[] CITIES = {"Berlin", "Lyon", "Kraków", "Zürich", "Lisboa", "Denver"};

    private LargeExports() {
    }

    /** Greenhouse postings, one JSON object per line. */
    static void writeNdjson(Path file, int postings, long seed) throws IOException {
        Random random = new Random(seed);
        try (Writer out = writer(file)) {
            for (int i = 0; i < postings; i++) {
                out.write(GreenhouseExport.posting(random, i).replace('\n', ' '));
                out.write('\n');
            }
        }
    }

    /** A spreadsheet export: HTML descriptions and multi-line requirements in quoted cells. */
    static void writeCsv(Path file, int postings, long seed) throws IOException {
        Random random = new Random(seed);
        try (Writer out = writer(file)) {
            out.write("job_id,title,department,location,remote,description,requirements,language,employment_type,"
                    + "seniority,salary,status,question_1,question_2,question_3\n");
            for (int i = 0; i < postings; i++) {
                String title = ROLES[random.nextInt(ROLES.length)] + " " + (i % 97);
                String city = CITIES[random.nextInt(CITIES.length)];
                StringBuilder requirements = new StringBuilder();
                for (int r = random.nextInt(5) + 3; r > 0; r--) {
                    requirements.append("- ").append(r + 1).append("+ years with systems like ours, \"hands-on\"\n");
                }
                out.write(String.join(",", "JM-" + (100_000 + i), quoted(title), "Operations", city,
                        random.nextInt(4) == 0 ? "yes" : "no", quoted(description(title, city)),
                        quoted(requirements.toString().strip()), random.nextBoolean() ? "English" : "de",
                        "Full-time", "", quoted("€60,000 – €75,000 per year"), "open",
                        quoted("What would you change first in your team's way of working, and why?"), "", ""));
                out.write('\n');
            }
        }
    }

    /** An Indeed-style feed: {@code <source><job>...</job>...</source>}, every value in CDATA. */
    static void writeIndeedXml(Path file, int postings, long seed) throws IOException {
        Random random = new Random(seed);
        try (Writer out = writer(file)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<source>\n  <publisher>Larkspur ATS</publisher>\n"
                    + "  <lastBuildDate>Mon, 16 Nov 2026 06:00:00 GMT</lastBuildDate>\n");
            for (int i = 0; i < postings; i++) {
                String title = ROLES[random.nextInt(ROLES.length)] + " " + (i % 97);
                String city = CITIES[random.nextInt(CITIES.length)];
                out.write("  <job>\n");
                cdata(out, "title", title);
                cdata(out, "date", "2026-11-03T09:15:00Z");
                cdata(out, "referencenumber", "LRK-" + (200_000 + i));
                cdata(out, "requisitionid", "REQ-" + (i % 5000));
                cdata(out, "url", "https://jobs.northwind.example/careers/" + i + "?source=Indeed");
                cdata(out, "company", "Northwind Robotics");
                cdata(out, "city", city);
                cdata(out, "state", "");
                cdata(out, "country", "DE");
                cdata(out, "description", description(title, city));
                cdata(out, "salary", "€60000 - €75000 per year");
                cdata(out, "jobtype", "fulltime");
                cdata(out, "category", "Engineering");
                out.write("  </job>\n");
            }
            out.write("</source>\n");
        }
    }

    private static String description(String title, String city) {
        StringBuilder html = new StringBuilder("<h3>About the role</h3><p>Northwind builds robots that pick, pack &amp; "
                + "sort parcels. As ").append(title).append(" in ").append(city).append(" you join a team of twelve "
                + "and own a part of the product from the first sketch to the rollout at our customers.</p>"
                + "<h3>Requirements</h3><ul>");
        for (int b = 2; b < 8; b++) {
            html.append("<li>").append(b).append("+ years of hands-on experience with systems like ours</li>");
        }
        return html.append("</ul><p>Questions? Read our <a href=\"https://northwind.example/faq\">FAQ</a>.</p>")
                .toString();
    }

    private static void cdata(Writer out, String element, String value) throws IOException {
        out.write("    <" + element + "><![CDATA[" + value + "]]></" + element + ">\n");
    }

    private static String quoted(String cell) {
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
}
