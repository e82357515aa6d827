/**
 * Secrets: every secret the connector loads (the JobMojito token, SFTP password, poll tokens, keys and passwords,
 * the ledger password, the webhook secret) is registered once in {@link dev.jobmojito.connector.secrets.SecretRegistry}
 * and replaced by {@code ***} wherever text leaves the process: every log line at every level
 * ({@link dev.jobmojito.connector.secrets.MaskingEncoder}), results, dead letters, the webhook outbox and health.
 * Outgoing URLs and headers given in the environment may not reach a secret through a placeholder
 * ({@link dev.jobmojito.connector.secrets.OutgoingSettingsCheck}).
 */
package dev.jobmojito.connector.secrets;
