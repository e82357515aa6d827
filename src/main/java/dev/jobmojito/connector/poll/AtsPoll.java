package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.secrets.SecretRegistry;
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
public class AtsPoll implements Processor, CamelContextAware {

    private CamelContext camelContext;
    private String mapping = "";
    private String url = "";
    private String source = "";
    private String auth = "";
    private String token = "";
    private String tokenFile = "";
    private String username = "";
    private String password = "";
    private String passwordFile = "";
    private String headerName = "";
    private String headerValue = "";
    private String headers = "";
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
    private String tokenUrl = "";
    private String clientId = "";
    private String clientSecret = "";
    private String clientSecretFile = "";
    private String scope = "";
    private String tokenParameters = "";
    private volatile dev.jobmojito.connector.writeback.OAuthClientCredentials oauth;
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

    /** The poll's OAuth client credentials (auth {@code oauth}), made once. */
    public dev.jobmojito.connector.writeback.OAuthClientCredentials oauth() {
        if (oauth == null) {
            synchronized (this) {
                if (oauth == null) {
                    oauth = new dev.jobmojito.connector.writeback.OAuthClientCredentials("the poll of " + url,
                            tokenUrl, clientId, clientSecret, clientSecretFile, scope, tokenParameters);
                }
            }
        }
        return oauth;
    }

    /** Whether the route must fetch a token before the cycle: auth {@code oauth} and no valid token. */
    public boolean needsToken() {
        return auth.equalsIgnoreCase("oauth") && oauth().needsToken();
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

    static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = orEmpty(tokenUrl);
    }

    public void setClientId(String clientId) {
        this.clientId = orEmpty(clientId);
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = orEmpty(clientSecret);
        SecretRegistry.register(this.clientSecret);
    }

    public void setClientSecretFile(String clientSecretFile) {
        this.clientSecretFile = orEmpty(clientSecretFile);
    }

    public void setScope(String scope) {
        this.scope = orEmpty(scope);
    }

    public void setTokenParameters(String tokenParameters) {
        this.tokenParameters = orEmpty(tokenParameters);
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

    public String getAuth() {
        return auth;
    }

    public void setAuth(String auth) {
        this.auth = orEmpty(auth);
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = orEmpty(token);
        SecretRegistry.register(this.token);
    }

    public String getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = orEmpty(tokenFile);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = orEmpty(username);
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = orEmpty(password);
        SecretRegistry.register(this.password);
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    public void setPasswordFile(String passwordFile) {
        this.passwordFile = orEmpty(passwordFile);
    }

    public String getHeaderName() {
        return headerName;
    }

    public void setHeaderName(String headerName) {
        this.headerName = orEmpty(headerName);
    }

    public String getHeaderValue() {
        return headerValue;
    }

    public void setHeaderValue(String headerValue) {
        this.headerValue = orEmpty(headerValue);
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = orEmpty(headers);
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
