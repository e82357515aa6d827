package dev.jobmojito.connector.input;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of one input, read lazily so that memory does not grow with the file. Reading may fail part way
 * (a broken line at record 5,000): {@link #next()} then throws {@link InputException} and the records already
 * given stand.
 */
public abstract class RecordStream implements Iterator<InputRecord>, Closeable {

    private InputRecord lookahead;
    private boolean finished;
    private int count;

    /** Reads the next record, or returns null at the end of the input. */
    protected abstract InputRecord readNext(int index);

    @Override
    public final boolean hasNext() {
        if (lookahead == null && !finished) {
            lookahead = readNext(count);
            if (lookahead == null) {
                finished = true;
            } else {
                count++;
            }
        }
        return lookahead != null;
    }

    @Override
    public final InputRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        InputRecord record = lookahead;
        lookahead = null;
        return record;
    }

    /** How many records have been read so far. */
    public int count() {
        return count;
    }

    @Override
    public void close() {
        // nothing held by default
    }
}
