package dev.jobmojito.connector.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML elements as the trees JSONPath reads. An element with only text becomes that text (CDATA included);
 * an element with attributes or children becomes an object: attributes and child elements by local name,
 * repeated children as a list, other text under {@code #text}. Names listed as lists are lists even when the
 * file holds only one, so a feed with a single posting reads like a feed with many.
 */
final class XmlTrees {

    static final String TEXT_KEY = "#text";

    private XmlTrees() {
    }

    /** A StAX factory that never reads a DTD nor resolves an external entity (no XXE, no billion laughs). */
    static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not read: " + systemId);
        });
        return factory;
    }

    /** Reads the element the reader is positioned on (START_ELEMENT) and leaves it on its END_ELEMENT. */
    static JsonNode readElement(XMLStreamReader reader, Set<String> lists) throws XMLStreamException {
        return readElement(reader, lists, 1);
    }

    private static JsonNode readElement(XMLStreamReader reader, Set<String> lists, int depth)
            throws XMLStreamException {
        if (depth > InputLimits.maxDepth()) {
            throw new XMLStreamException(InputLimits.tooDeep(), reader.getLocation());
        }
        ObjectNode object = null;
        int attributes = reader.getAttributeCount();
        if (attributes > 0) {
            object = Json.object();
            for (int i = 0; i < attributes; i++) {
                object.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (object == null) {
                        object = Json.object();
                    }
                    String name = reader.getLocalName();
                    JsonNode child = readElement(reader, lists, depth + 1);
                    add(object, name, child, lists.contains(name));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    text.append(reader.getText());
                    if (text.length() > InputLimits.maxValueLength()) {
                        throw new XMLStreamException(InputLimits.tooLong("a text value", text.length()),
                                reader.getLocation());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                        "entity &" + reader.getLocalName() + "; is not defined (DTDs are not read)",
                        reader.getLocation());
                case XMLStreamConstants.END_ELEMENT -> {
                    String content = text.toString().strip();
                    if (object == null) {
                        return Json.NODES.textNode(content);
                    }
                    if (!content.isEmpty()) {
                        object.put(TEXT_KEY, content);
                    }
                    return object;
                }
                default -> {
                    // comments and processing instructions carry nothing for a job
                }
            }
        }
    }

    static void add(ObjectNode object, String name, JsonNode child, boolean alwaysList) {
        JsonNode existing = object.get(name);
        if (existing == null) {
            object.set(name, alwaysList ? Json.NODES.arrayNode().add(child) : child);
        } else if (existing.isArray()) {
            ((ArrayNode) existing).add(child);
        } else {
            object.set(name, Json.NODES.arrayNode().add(existing).add(child));
        }
    }
}
