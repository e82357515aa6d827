package dev.jobmojito.connector.results;

/** Somewhere job outcomes go: a JSON Lines file, a webhook. */
public interface ResultSink {

    void accept(JobResult result);
}
