package dev.jobmojito.connector.jobmojito;

/** JobMojito answered 401: the token is missing, malformed, expired or signed out. Retrying won't help. */
public class TokenRefusedException extends RuntimeException {

    public TokenRefusedException(String message) {
        super(message, null, false, false);
    }
}
