package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageGuessTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | You will join our team and work with the engineers on the planning of our next product.
            de | Du arbeitest mit unserem Team an der Planung und bist für die Qualität der Software verantwortlich.
            fr | Vous rejoindrez notre équipe et travaillerez avec les ingénieurs sur la planification des projets.
            fr | Au sein de l'équipe Firmware, vous développez le logiciel embarqué de nos robots. Vos missions : concevoir le code de contrôle. Poste 100 % sur site : le matériel ne voyage pas !
            pt | Você vai trabalhar com a nossa equipe de engenharia e ser responsável pela qualidade do produto.
            es | Trabajarás con nuestro equipo y los ingenieros para la planificación de los productos del cliente.
            pl | Będziesz pracować w naszym zespole i odpowiadać za jakość oprogramowania dla naszego klienta.
            nl | Je werkt met onze ingenieurs aan de planning van het product en jij bent verantwoordelijk voor de kwaliteit.
            sv | Du kommer att arbeta med vårt team och ansvara för kvaliteten på programvaran som vi bygger.
            ja | 私たちのチームでソフトウェアの品質を担当していただきます。
            ko | 우리 팀에서 소프트웨어 품질을 담당하게 됩니다.
            uk | Ви працюватимете в нашій команді та відповідатимете за якість програмного забезпечення.
            ru | Вы будете работать в нашей команде и отвечать за качество программного обеспечения.
            el | Θα εργαστείτε στην ομάδα μας και θα είστε υπεύθυνοι για την ποιότητα του λογισμικού.
            """)
    void recognisesThePostingsLanguage(String expected, String text) {
        assertThat(LanguageGuess.guess(text)).isEqualTo(expected);
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
