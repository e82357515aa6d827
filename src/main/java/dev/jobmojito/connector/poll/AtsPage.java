package dev.jobmojito.connector.poll;

/**
 * One answer of the ATS API.
 *
 * @param status      HTTP status
 * @param body        the body as text
 * @param contentType the Content-Type header, or null
 * @param link        the Link header, or null
 */
record AtsPage(int status, String body, String contentType, String link) {
}
