package dev.jobmojito.connector.mapping;

import java.util.Locale;

/** The input formats a mapping can read; CSV and XML become the same kind of tree JSONPath sees for JSON. */
public enum InputFormat {
    JSON, NDJSON, CSV, XML;

    public static InputFormat fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            return NDJSON;
        }
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
            return CSV;
        }
        if (lower.endsWith(".xml")) {
            return XML;
        }
        return JSON;
    }

    public static InputFormat parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
