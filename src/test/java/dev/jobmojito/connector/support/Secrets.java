package dev.jobmojito.connector.support;

/** Secrets the tests use, distinctive enough that a leak into any output is found by a plain search. */
public final class Secrets {

    public static final String TOKEN = "test-token-5f3c9e1d-do-not-log";

    private Secrets() {
    }
}
