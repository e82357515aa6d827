package dev.jobmojito.connector.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * A transaction kept open on a connection of its own while a claimed row is worked on: the row a
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} took stays locked, so no other worker of any replica takes it, until
 * the work ends with {@link #commit} or the transaction is closed (rolled back, the row left as it was). A worker
 * that dies loses its connection, and the database releases the row with it. The pattern of the webhook outbox
 * and of the received interview results.
 */
public final class HeldTransaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeldTransaction.class);

    /** Work on the held connection. */
    @FunctionalInterface
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** Takes a row on the held connection: the claim made of it, or empty when there is none to take. */
    @FunctionalInterface
    public interface Take<T> {
        Optional<T> take(HeldTransaction transaction) throws SQLException;
    }

    private final SQLExceptionTranslator translator;
    private final String what;
    private Connection connection;

    private HeldTransaction(Connection connection, SQLExceptionTranslator translator, String what) {
        this.connection = connection;
        this.translator = translator;
        this.what = what;
    }

    /**
     * Opens a transaction on a connection of its own and lets {@code take} claim a row in it. The transaction
     * stays open, held by what {@code take} returns; when it returns empty (or fails) the transaction is rolled
     * back and the connection given back.
     *
     * @param what what is claimed, for error messages ("a result of the webhook outbox")
     * @throws DataAccessException when the database cannot be reached or the claim fails
     */
    public static <T> Optional<T> claim(DataSource dataSource, String what, Take<T> take) {
        SQLExceptionTranslator translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
        HeldTransaction transaction = null;
        try {
            Connection connection = dataSource.getConnection();
            transaction = new HeldTransaction(connection, translator, what);
            connection.setAutoCommit(false);
            Optional<T> claimed = take.take(transaction);
            if (claimed.isPresent()) {
                transaction = null;
            }
            return claimed;
        } catch (SQLException e) {
            throw translate(translator, "claim " + what, e);
        } finally {
            if (transaction != null) {
                transaction.close();
            }
        }
    }

    /** The held connection, to read the claimed row with. */
    public Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("the claim of " + what + " has ended");
        }
        return connection;
    }

    /**
     * Does the claim's last work and commits it, then gives the connection back.
     *
     * @param task what the work does, for the error message ("mark a delivered result")
     * @throws IllegalStateException when the claim has ended already
     * @throws DataAccessException   when the work or the commit fails (nothing of it is kept)
     */
    public void commit(String task, Work work) {
        Connection held = connection();
        try {
            work.run(held);
            held.commit();
        } catch (SQLException e) {
            throw translate(translator, task, e);
        } finally {
            close();
        }
    }

    /** Ends the claim without changing anything (rolled back); does nothing once it has ended. */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.debug("rollback of the claim of {} failed", what, e);
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a ledger connection failed", e);
            }
            connection = null;
        }
    }

    private static DataAccessException translate(SQLExceptionTranslator translator, String task, SQLException e) {
        DataAccessException translated = translator.translate(task, null, e);
        return translated != null ? translated : new UncategorizedSQLException(task, null, e);
    }
}
