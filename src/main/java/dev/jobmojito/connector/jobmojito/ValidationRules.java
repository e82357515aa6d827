package dev.jobmojito.connector.jobmojito;

/**
 * Which reading of the contract to apply. The connector checks every request against the seed page
 * (stricter: more required fields, attempts 1-10); the embedded sandbox answers like the current API.
 */
public enum ValidationRules {
    /** The endpoint's documentation page we serve: what the connector enforces before sending. */
    SEED,
    /** The current published schema: what JobMojito itself (and our sandbox) accepts. */
    API
}
