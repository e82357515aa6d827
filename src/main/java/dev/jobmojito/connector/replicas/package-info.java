/**
 * Several replicas on one PostgreSQL ledger: the intake that reads a shared source (ATS polls, the SFTP pull, the
 * drop folder) runs on one replica at a time, the leader, elected through a lock row in the database; every
 * replica sends jobs, and each posting is claimed in the database before it is sent (see the sync package).
 */
package dev.jobmojito.connector.replicas;
