package dev.jobmojito.connector.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the record elements of an XML feed: {@code $.job[*]} names the {@code <job>} elements under the root
 * element (whose own name, as in Jackson's XML reading, is not part of the path). One record is held at a time.
 */
final class XmlRecordStream extends RecordStream {

    private final XMLStreamReader reader;
    private final List<String> names;
    private final Set<String> lists;
    private final List<String> open = new ArrayList<>();
    private boolean rootSeen;
    private String firstOtherChild;

    XmlRecordStream(XMLStreamReader reader, List<String> names, Set<String> lists) {
        this.reader = reader;
        this.names = names;
        this.lists = lists;
    }

    @Override
    protected InputRecord readNext(int index) {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!rootSeen) {
                        rootSeen = true;
                        continue;
                    }
                    open.add(reader.getLocalName());
                    if (open.equals(names)) {
                        JsonNode record = XmlTrees.readElement(reader, lists);
                        open.remove(open.size() - 1);
                        return InputRecord.of(index, record, reader.getLocation().getLineNumber(), null);
                    }
                    if (!isPrefix(open)) {
                        if (firstOtherChild == null && open.size() == 1) {
                            firstOtherChild = open.get(0);
                        }
                        skipElement();
                        open.remove(open.size() - 1);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity &" + reader.getLocalName()
                            + "; is not defined (DTDs are not read)", reader.getLocation());
                }
            }
            if (index == 0 && firstOtherChild != null) {
                throw new InputException("no <" + String.join("><", names) + "> elements in the feed (its root holds <"
                        + firstOtherChild + ">): is this the feed the mapping is written for?");
            }
            return null;
        } catch (XMLStreamException e) {
            throw invalid(e);
        }
    }

    private boolean isPrefix(List<String> path) {
        return path.size() <= names.size() && names.subList(0, path.size()).equals(path);
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    static InputException invalid(XMLStreamException e) {
        Location location = e.getLocation();
        // the JDK parser prefixes its own "ParseError at [row,col]" to the message; the location is said below
        String message = e.getMessage() == null ? ""
                : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message:\\s*", "");
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column "
                + location.getColumnNumber();
        return new InputException("invalid XML" + where + ": " + message.strip(), e);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            throw invalid(e);
        }
    }
}
