package dev.jobmojito.connector.jobmojito;

/**
 * Makes a refused token cost one call: the first call with a token not yet answered (at start, or after the
 * token changed) goes alone, and the calls behind it wait for its answer. Accepted: they all go. Refused (401):
 * none of them is sent, each fails with {@link TokenRefusedException} at once. No verdict (a 5xx, a timeout, no
 * connection): the next waiting call goes alone in its turn.
 *
 * <p>Tokens are compared by value, so a rotated token file starts a new proof by itself.
 */
final class TokenProbe {

    /** What a call may do with its token. */
    enum Turn {
        /** The token is known good: send. */
        SEND,
        /** Nobody has an answer for this token yet: send, alone, and report the answer with {@link #answered}. */
        PROVE,
        /** JobMojito refused this token: do not send. */
        REFUSED
    }

    private String accepted;
    private String refused;
    private String proving;

    /**
     * Waits, if another call is proving a token, until it has its answer.
     *
     * @param token the token the call will send
     * @return what the call may do; {@link Turn#PROVE} obliges the caller to call {@link #answered} once
     * @throws IllegalStateException when interrupted while waiting (the interrupt flag is set again)
     */
    synchronized Turn enter(String token) {
        while (true) {
            if (token.equals(accepted)) {
                return Turn.SEND;
            }
            if (token.equals(refused)) {
                return Turn.REFUSED;
            }
            if (proving == null) {
                proving = token;
                return Turn.PROVE;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for JobMojito to answer the first call",
                        e);
            }
        }
    }

    /**
     * Records what JobMojito's answer says about a token, and wakes the calls waiting for it.
     *
     * @param token    the token the call sent
     * @param verdict  true: accepted (any answer but 401, 408, 429 and 5xx); false: refused (401); null: no
     *                 verdict (no answer, or one that says nothing about the token)
     */
    synchronized void answered(String token, Boolean verdict) {
        if (token.equals(proving)) {
            proving = null;
        }
        if (Boolean.TRUE.equals(verdict)) {
            accepted = token;
            if (token.equals(refused)) {
                refused = null;
            }
        } else if (Boolean.FALSE.equals(verdict)) {
            refused = token;
            if (token.equals(accepted)) {
                accepted = null;
            }
        }
        notifyAll();
    }
}
