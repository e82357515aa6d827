package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageGuessTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            en | You will join our team and work with the engineers on the planning of our next product.
            de | Du arbeitest mit unserem Team an der Planung und bist für die Qualität der Software verantwortlich.
            fr | Vous rejoindrez notre équipe et travaillerez avec les ingénieurs sur la planification des projets.
            fr | Au sein de l'équipe Firmware, vous développez le logiciel embarqué de nos robots. Vos missions : concevoir le code de contrôle. Poste 100 % sur site : le matériel ne voyage pas !
            # Brazilian (você, equipe): JobMojito interviews in br and pt apart
            br | Você vai trabalhar com a nossa equipe de engenharia e ser responsável pela qualidade do produto.
            es | Trabajarás con nuestro equipo y los ingenieros para la planificación de los productos del cliente.
            pl | Będziesz pracować w naszym zespole i odpowiadać za jakość oprogramowania dla naszego klienta.
            nl | Je werkt met onze ingenieurs aan de planning van het product en jij bent verantwoordelijk voor de kwaliteit.
            # Lingua finds this one too close to Danish and Norwegian to say (the word lists said sv)
            none | Du kommer att arbeta med vårt team och ansvara för kvaliteten på programvaran som vi bygger.
            sv | Vi söker en lagermedarbetare till vårt team i Göteborg. Du blir ansvarig för mottagning av varor.
            ja | 私たちのチームでソフトウェアの品質を担当していただきます。
            ko | 우리 팀에서 소프트웨어 품질을 담당하게 됩니다.
            uk | Ви працюватимете в нашій команді та відповідатимете за якість програмного забезпечення.
            ru | Вы будете работать в нашей команде и отвечать за качество программного обеспечения.
            el | Θα εργαστείτε στην ομάδα μας και θα είστε υπεύθυνοι για την ποιότητα του λογισμικού.
            """)
    void recognisesThePostingsLanguage(String expected, String text) {
        assertThat(LanguageGuess.guess(text)).isEqualTo(expected);
    }

    /**
     * Job texts in close languages, written for this test: each is guessed right, or (for a language JobMojito
     * has no interviews in, or a mix) not at all, so the mapping's default applies. Never a neighbour's code.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            pt | Procuramos um operador de armazém para a nossa equipa. Vai tratar da receção de mercadorias e da preparação das encomendas, por turnos.
            pt | Atendimento ao cliente por telefone e por e-mail, registo de pedidos de reparação e acompanhamento de reclamações.
            br | Você vai atender os clientes por telefone e registrar os pedidos no sistema. Oferecemos vale-refeição e plano de saúde.
            # Portuguese that either country writes: no guess rather than the wrong one of the two
            none | Faz a manutenção preventiva das linhas de produção; trabalho por turnos.
            # both countries' words: no guess
            none | Você vai integrar a nossa equipa de vendas.
            es | Buscamos un operario de almacén para nuestro equipo en Valencia. Te encargarás de la recepción de mercancías y de la preparación de los pedidos, por turnos.
            es | Atención al cliente por teléfono y correo electrónico; se valorará la experiencia previa en el sector.
            es | ¿Tienes experiencia en cocina? Únete a nuestro equipo y trabaja con productos de temporada.
            none | Buscamos unha persoa para o noso equipo de almacén en Vigo. Encargarase da recepción das mercadorías e da preparación dos pedidos, por quendas.
            none | Busquem un operari de magatzem per al nostre equip a Girona. T'encarregaràs de la recepció de mercaderies i de la preparació de les comandes, per torns.
            da | Vi søger en lagermedarbejder til vores team i Aarhus. Du bliver ansvarlig for modtagelse af varer og pakning af ordrer, og du arbejder i skiftende vagter.
            no | Vi søker en lagermedarbeider til vårt team i Bergen. Du blir ansvarlig for mottak av varer og pakking av ordrer, og du jobber i skift.
            sv | Vi söker en lagermedarbetare till vårt team i Göteborg. Du blir ansvarig för mottagning av varor och packning av order, och du arbetar i skift.
            cs | Hledáme skladníka do našeho týmu v Brně. Budete zodpovědný za příjem zboží a přípravu objednávek, práce je na směny.
            sk | Hľadáme skladníka do nášho tímu v Košiciach. Budete zodpovedný za príjem tovaru a prípravu objednávok, práca je na zmeny.
            # Croatian, Serbian and Bosnian share nearly every word: no guess (the word lists said hr)
            none | Tražimo skladištara za naš tim u Zagrebu. Bit ćete odgovorni za prijem robe i pripremu narudžbi tijekom smjena, a plaća se isplaćuje mjesečno.
            none | Tražimo magacionera za naš tim u Beogradu. Bićete odgovorni za prijem robe i pripremu porudžbina tokom smena, a plata se isplaćuje mesečno.
            none | Iščemo skladiščnika za naš tim v Ljubljani. Odgovorni boste za prevzem blaga in pripravo naročil, delo poteka v izmenah.
            none | Тражимо магационера за наш тим у Београду. Бићете одговорни за пријем робе и припрему поруџбина.
            """)
    void closeLanguagesAreToldApartOrLeftToTheDefault(String expected, String text) {
        assertThat(LanguageGuess.guess(text)).as(text).isEqualTo(expected);
    }

    @Test
    void thePortugueseFieldCasesAreNotTakenForSpanish() throws Exception {
        // before: "es" for the second posting of feed-pt.xml and for short Portuguese texts ("por" counted as Spanish)
        Mapping indeed = dev.jobmojito.connector.support.TestMappings.bundled("indeed");
        List<String> codes = new java.util.ArrayList<>();
        for (String file : List.of("feed-pt.xml", "feed-pt-short.xml")) {
            List<MappedJob> jobs = dev.jobmojito.connector.support.TestMappings.mapFile(indeed,
                    Path.of("src/test/resources/field-cases/detect-language-pt-vs-es/indeed", file));
            assertThat(jobs).isNotEmpty();
            jobs.forEach(job -> codes.add(job.request().get("mojito_language_code").asText()));
        }
        // European Portuguese (equipa, registo, carta de condução, telefónico), except two short texts either
        // country could write ("Faz a manutenção preventiva ...", "Responsável pela limpeza ..."): no guess, so
        // indeed.yaml's default; never es
        assertThat(codes).containsExactly("pt", "pt", "en", "pt", "pt", "en");
    }

    @Test
    void givesNoGuessWithoutClearEvidence() {
        assertThat(LanguageGuess.guess("Kubernetes, Terraform, AWS")).isNull();
        assertThat(LanguageGuess.guess("")).isNull();
    }

    @Test
    void readsHtmlAsTextThroughTheTransform() {
        assertThat(Transform.of("detect_language", null).apply(dev.jobmojito.connector.common.Json.NODES.textNode(
                "&lt;p&gt;Wir suchen dich für unser Team und die Arbeit mit der Software&lt;/p&gt;")).asText())
                .isEqualTo("de");
    }
}
