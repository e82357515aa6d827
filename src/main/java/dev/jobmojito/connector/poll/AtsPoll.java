package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.writeback.AtsConnection;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * One configured poll of an ATS API: the settings of an {@code ats-poll} route template instance (set by Camel
 * from the template's parameters, see {@code routes/poll-template.camel.yaml}) and the step that runs a cycle.
 * Every setting is text as written in the route file; empty means not set. The defaults are the template's
 * (declared once, there), never repeated here.
 */
public class AtsPoll extends AtsConnection implements Processor, CamelContextAware {

    private CamelContext camelContext;
    private String mapping = "";
    private String url = "";
    private String source = "";
    private String pagination = "";
    private String pageParam = "";
    private String startPage = "";
    private String sizeParam = "";
    private String pageSize = "";
    private String offsetParam = "";
    private String limitParam = "";
    private String limit = "";
    private String nextUrlPath = "";
    private String maxPages = "";
    private String detailUrl = "";
    private String detailIdPath = "";
    private String cron = "";
    private String closeMissing = "";
    private volatile String tokenFailure;

    @Override
    public void process(Exchange exchange) {
        camelContext.getRegistry().findSingleByType(AtsPoller.class).start(this, exchange);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    // ---- OAuth 2.0 client credentials (auth: oauth): the template's route fetches the token before a cycle ----

    /** Names the poll in the OAuth client credentials' messages. */
    @Override
    protected String connectionName() {
        return "the poll of " + url;
    }

    /** The token request, for {@code direct:ats-write-call}. */
    public dev.jobmojito.connector.writeback.WriteCall tokenCall() {
        tokenFailure = null;
        return oauth().tokenCall();
    }

    /** The token endpoint answered; a refusal is kept as the reason the cycle fails. */
    public void tokenAnswered(dev.jobmojito.connector.jobmojito.HttpAnswer answer) {
        try {
            oauth().answered(answer, null);
        } catch (RuntimeException e) {
            tokenFailure = e.getMessage();
        }
    }

    /** The token request got no answer (or could not be made): the cycle fails with this reason. */
    public void tokenFailed(String reason) {
        tokenFailure = "no OAuth token: " + reason;
    }

    /** Why no token could be had, or null. */
    public String tokenFailure() {
        return tokenFailure;
    }

    public String getMapping() {
        return mapping;
    }

    public void setMapping(String mapping) {
        this.mapping = orEmpty(mapping);
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = orEmpty(url);
        SecretRegistry.registerFromUrl(this.url);
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = orEmpty(source);
    }

    public String getPagination() {
        return pagination;
    }

    public void setPagination(String pagination) {
        this.pagination = orEmpty(pagination);
    }

    public String getPageParam() {
        return pageParam;
    }

    public void setPageParam(String pageParam) {
        this.pageParam = orEmpty(pageParam);
    }

    public String getStartPage() {
        return startPage;
    }

    public void setStartPage(String startPage) {
        this.startPage = orEmpty(startPage);
    }

    public String getSizeParam() {
        return sizeParam;
    }

    public void setSizeParam(String sizeParam) {
        this.sizeParam = orEmpty(sizeParam);
    }

    public String getPageSize() {
        return pageSize;
    }

    public void setPageSize(String pageSize) {
        this.pageSize = orEmpty(pageSize);
    }

    public String getOffsetParam() {
        return offsetParam;
    }

    public void setOffsetParam(String offsetParam) {
        this.offsetParam = orEmpty(offsetParam);
    }

    public String getLimitParam() {
        return limitParam;
    }

    public void setLimitParam(String limitParam) {
        this.limitParam = orEmpty(limitParam);
    }

    public String getLimit() {
        return limit;
    }

    public void setLimit(String limit) {
        this.limit = orEmpty(limit);
    }

    public String getNextUrlPath() {
        return nextUrlPath;
    }

    public void setNextUrlPath(String nextUrlPath) {
        this.nextUrlPath = orEmpty(nextUrlPath);
    }

    public String getMaxPages() {
        return maxPages;
    }

    public void setMaxPages(String maxPages) {
        this.maxPages = orEmpty(maxPages);
    }

    public String getDetailUrl() {
        return detailUrl;
    }

    public void setDetailUrl(String detailUrl) {
        this.detailUrl = orEmpty(detailUrl);
    }

    public String getDetailIdPath() {
        return detailIdPath;
    }

    public void setDetailIdPath(String detailIdPath) {
        this.detailIdPath = orEmpty(detailIdPath);
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = orEmpty(cron);
    }

    public String getCloseMissing() {
        return closeMissing;
    }

    public void setCloseMissing(String closeMissing) {
        this.closeMissing = orEmpty(closeMissing);
    }
}
