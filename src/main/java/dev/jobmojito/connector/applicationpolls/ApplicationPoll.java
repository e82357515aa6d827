package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.poll.AtsPoll;
import org.apache.camel.Exchange;

/**
 * One configured poll of an ATS's applications (or candidates, or opportunities): the settings of an
 * {@code ats-applications-poll} route template instance ({@code routes/poll-applications-template.camel.yaml},
 * where each parameter and its default is declared once). The connection settings (URL, auth with its secrets,
 * OAuth 2.0 client credentials) are those of the {@code ats-poll} template, inherited from {@link AtsPoll}; the
 * ones below say how the ATS is asked for what changed and how its pages follow each other. Every value is text
 * as written in the route file; empty means not set.
 */
public class ApplicationPoll extends AtsPoll {

    private String stageParam = "";
    private String stage = "";
    private String watermarkParam = "";
    private String watermarkFormat = "";
    private String watermarkPrefix = "";
    private String updatedAtPath = "";
    private String cursorPath = "";
    private String cursorParam = "";
    private String ordered = "";
    private String overlap = "";
    private String postingUrl = "";

    /** Starts a cycle: see {@link ApplicationPoller#start}. */
    @Override
    public void process(Exchange exchange) {
        getCamelContext().getRegistry().findSingleByType(ApplicationPoller.class).start(this, exchange);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    public String getStageParam() {
        return stageParam;
    }

    public void setStageParam(String stageParam) {
        this.stageParam = clean(stageParam);
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = clean(stage);
    }

    public String getWatermarkParam() {
        return watermarkParam;
    }

    public void setWatermarkParam(String watermarkParam) {
        this.watermarkParam = clean(watermarkParam);
    }

    public String getWatermarkFormat() {
        return watermarkFormat;
    }

    public void setWatermarkFormat(String watermarkFormat) {
        this.watermarkFormat = clean(watermarkFormat);
    }

    public String getWatermarkPrefix() {
        return watermarkPrefix;
    }

    public void setWatermarkPrefix(String watermarkPrefix) {
        this.watermarkPrefix = clean(watermarkPrefix);
    }

    public String getUpdatedAtPath() {
        return updatedAtPath;
    }

    public void setUpdatedAtPath(String updatedAtPath) {
        this.updatedAtPath = clean(updatedAtPath);
    }

    /**
     * Where one posting is read when an application's posting has no interview yet and
     * {@code connector.invitations.create-postings} is on: a URL whose {@code {posting}} is the application's
     * posting id (URL-encoded); empty: such applications wait for the posting's own sync.
     */
    public String getPostingUrl() {
        return postingUrl;
    }

    public void setPostingUrl(String postingUrl) {
        this.postingUrl = clean(postingUrl);
    }

    public String getCursorPath() {
        return cursorPath;
    }

    public void setCursorPath(String cursorPath) {
        this.cursorPath = clean(cursorPath);
    }

    public String getCursorParam() {
        return cursorParam;
    }

    public void setCursorParam(String cursorParam) {
        this.cursorParam = clean(cursorParam);
    }

    public String getOrdered() {
        return ordered;
    }

    public void setOrdered(String ordered) {
        this.ordered = clean(ordered);
    }

    public String getOverlap() {
        return overlap;
    }

    public void setOverlap(String overlap) {
        this.overlap = clean(overlap);
    }
}
