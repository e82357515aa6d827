package dev.jobmojito.connector.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobmojito.connector.mapping.InputFormat;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.support.TestMappings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charset of an input is decided once: byte-order mark, XML declaration, transport, mapping. */
class InputCharsetTest {

    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static Charset decide(byte[] bytes, InputFormat format, Charset transport, Charset mapping) {
        InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(bytes));
        Charset decided = InputCharset.decide(in, format, transport, mapping);
        try {
            assertThat(in.readAllBytes()).as("the input is left at its start").isEqualTo(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return decided;
    }

    @Test
    void aByteOrderMarkComesFirst() {
        byte[] utf8 = "\uFEFF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>".getBytes(StandardCharsets.UTF_8);
        assertThat(decide(utf8, InputFormat.XML, LATIN1, LATIN1)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(decide("[]".getBytes(StandardCharsets.UTF_16), InputFormat.JSON, LATIN1, LATIN1))
                .isEqualTo(StandardCharsets.UTF_16BE);
        assertThat(decide(new byte[] {(byte) 0xFF, (byte) 0xFE, '[', 0}, InputFormat.JSON, null, LATIN1))
                .isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void thenAnXmlDocumentsOwnDeclarationThenTheTransportThenTheMapping() {
        byte[] declared = "<?xml version='1.0' encoding='iso-8859-1'?><a/>".getBytes(LATIN1);
        assertThat(decide(declared, InputFormat.XML, StandardCharsets.UTF_8, StandardCharsets.UTF_8))
                .isEqualTo(LATIN1);
        byte[] undeclared = "<?xml version=\"1.0\"?><a/>".getBytes(LATIN1);
        assertThat(decide(undeclared, InputFormat.XML, CP1252, StandardCharsets.UTF_8)).isEqualTo(CP1252);
        assertThat(decide(undeclared, InputFormat.XML, null, LATIN1)).isEqualTo(LATIN1);
        // a CSV cell that looks like a declaration is data, not a declaration
        assertThat(decide(declared, InputFormat.CSV, null, StandardCharsets.UTF_8))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(decide("<\0?\0x\0m\0l\0".getBytes(LATIN1), InputFormat.XML, null, LATIN1))
                .isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void theContentTypeCharsetIsReadAsHttpWritesIt() {
        assertThat(InputCharset.fromContentType("application/xml; charset=ISO-8859-1")).isEqualTo(LATIN1);
        assertThat(InputCharset.fromContentType("text/csv;Charset=\"windows-1252\"")).isEqualTo(CP1252);
        assertThat(InputCharset.fromContentType("application/json")).isNull();
        assertThat(InputCharset.fromContentType("application/json; charset=x-unknown-42")).isNull();
        assertThat(InputCharset.fromContentType(null)).isNull();
    }

    @Test
    void anUnknownEncodingInTheDeclarationIsAnErrorNamingIt() {
        byte[] bytes = "<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>".getBytes(LATIN1);
        assertThatThrownBy(() -> decide(bytes, InputFormat.XML, null, StandardCharsets.UTF_8))
                .isInstanceOf(InputException.class).hasMessageContaining("klingon-8");
    }

    @Test
    void theLatin1FieldCaseReadsRightWhicheverCharsetTheTransportClaims() throws Exception {
        Mapping personio = TestMappings.bundled("personio");
        byte[] feed = Files.readAllBytes(Path.of(
                "src/test/resources/field-cases/http-poll-latin1-xml/personio/feed-served-as-iso-8859-1.xml"));
        for (Charset transport : new Charset[] {null, LATIN1, StandardCharsets.UTF_8}) {
            List<String> names = new ArrayList<>();
            try (RecordStream records = RecordStreams.open(new ByteArrayInputStream(feed), "page.xml", personio,
                    transport)) {
                records.forEachRemaining(r -> names.add(r.node().get("name").asText()));
            }
            assertThat(names).as("transport %s", transport).containsExactly("Köchin / Koch (w/m/d)");
        }
    }

    @Test
    void aUtf16CsvWithoutAMarkNeedsTheMappingsCharset() {
        Mapping utf16 = TestMappings.inline("""
                input: {format: csv, charset: UTF-16LE}
                fields:
                  name: $.title
                  description: d
                  candidate_expectations: c
                  location: l
                questions:
                  - question: Why?
                """);
        byte[] bytes = "title;id\r\nKöchin;1\r\n".getBytes(StandardCharsets.UTF_16LE);
        try (RecordStream records = RecordStreams.open(new ByteArrayInputStream(bytes), "x.csv", utf16)) {
            assertThat(records.next().node().get("title").asText()).isEqualTo("Köchin");
        }
    }
}
