package org.imrap.bulletin.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.junit.jupiter.api.Test;

class AtomFeedTest {

    @Test
    void whatXmlCannotCarryBecomesAReplacementCharacterAndTheRestIsEscaped() throws Exception {
        String title = "a\u0001b\uD800c ]]> & <x> \"q\" 'a' \uD83C\uDF0D";
        byte[] xml = AtomFeed.write(AtomFeed.id("bulletin.imrap-mali.org", "archive"), title, "IMRAP & co", null,
                "index.html", "feed.xml", List.of(new AtomFeed.Entry(AtomFeed.id("bulletin.imrap-mali.org", "2022-08"),
                        title, LocalDate.of(2022, 8, 27), "2022-08/index.html?a=1&b=2", "ligne 1\nligne 2")));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));

        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent())
                .isEqualTo("a\uFFFDb\uFFFDc ]]> & <x> \"q\" 'a' \uD83C\uDF0D");
        assertThat(((org.w3c.dom.Element) feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").item(2))
                .getAttribute("href")).isEqualTo("2022-08/index.html?a=1&b=2");
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "uri").getLength()).isZero();
    }

    @Test
    void idsAreTheSameAtEveryRunAndDifferPerName() {
        assertThat(AtomFeed.id("bulletin.imrap-mali.org", "2022-08")).isEqualTo(AtomFeed.id("bulletin.imrap-mali.org", "2022-08"))
                .isNotEqualTo(AtomFeed.id("bulletin.imrap-mali.org", "2022-07"))
                .matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
