package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SignedTemplateTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element only(Document document, String tag) {
        NodeList list = document.getElementsByTagName(tag);
        assertEquals(1, list.getLength(), tag);
        return (Element) list.item(0);
    }

    private static String signedTemplate(List<String> jarHrefs) throws Exception {
        return SignedTemplate.render(
                BuildOutput.templateSource(),
                SignedTemplate.Values.template(
                        WebstartBundle.DEFAULT_MAIN_CLASS, jarHrefs, WebstartBundle.DEFAULT_OPERATION));
    }

    @Test
    void wildcardsOnlyWhereADeploymentVaries() throws Exception {
        String xml = signedTemplate(List.of("*"));
        assertFalse(xml.contains("{{"), xml);
        Document document = parse(xml);
        Element jnlp = document.getDocumentElement();
        assertEquals("jnlp", jnlp.getTagName());
        assertEquals("*", jnlp.getAttribute("codebase"));
        assertEquals("*", jnlp.getAttribute("href"));
        assertEquals("*", only(document, "vendor").getTextContent());
        assertEquals("*", only(document, "homepage").getAttribute("href"));
        NodeList properties = document.getElementsByTagName("property");
        assertEquals(
                9,
                properties.getLength(),
                "the trust's name and contacts, platform trust, and a card library and token for each of three OSes");
        for (int i = 0; i < properties.getLength(); i++) {
            assertEquals("*", ((Element) properties.item(i)).getAttribute("value"));
        }
        // Pinned: one <resources> per operating system, each with its card middleware's two properties.
        NodeList resources = document.getElementsByTagName("resources");
        List<String> systems = new ArrayList<>();
        for (int i = 0; i < resources.getLength(); i++) {
            systems.add(((Element) resources.item(i)).getAttribute("os"));
        }
        assertEquals(List.of("", "Windows", "Mac OS X", "Linux"), systems);

        // Pinned.
        assertEquals("NHS smartcard self-renewal", only(document, "title").getTextContent());
        assertEquals(1, document.getElementsByTagName("all-permissions").getLength());
        NodeList javas = document.getElementsByTagName("java");
        List<String> javaVersions = new ArrayList<>();
        for (int i = 0; i < javas.getLength(); i++) {
            javaVersions.add(((Element) javas.item(i)).getAttribute("version"));
        }
        assertEquals(List.of("21*", "17*"), javaVersions, "the versions we test, preferred first");
        assertEquals(
                "org.selfrenewal.client.WebStartLaunch",
                only(document, "application-desc").getAttribute("main-class"));
        Element jar = only(document, "jar");
        assertEquals("*", jar.getAttribute("href"));
        assertEquals("true", jar.getAttribute("main"));
        NodeList arguments = document.getElementsByTagName("argument");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < arguments.getLength(); i++) {
            values.add(arguments.item(i).getTextContent());
        }
        assertEquals(List.of("*", "operation=selfRenewSmartcard"), values);
    }

    @Test
    void jarHrefsCanBePinned() throws Exception {
        Document document = parse(signedTemplate(List.of("jars/selfrenewal-client-1.0.jar", "jars/extra.jar")));
        NodeList jars = document.getElementsByTagName("jar");
        assertEquals(2, jars.getLength());
        assertEquals("jars/selfrenewal-client-1.0.jar", ((Element) jars.item(0)).getAttribute("href"));
        assertEquals("true", ((Element) jars.item(0)).getAttribute("main"));
        assertFalse(((Element) jars.item(1)).hasAttribute("main"));
    }

    @Test
    void servedLayoutIsTheLaunchSites() throws Exception {
        String served = SignedTemplate.render(
                BuildOutput.templateSource(),
                new SignedTemplate.Values(
                        "https://uim.example.nhs.uk/urswebapp/",
                        "https://uim.example.nhs.uk/urswebapp/selfrenewal.jnlp",
                        "Trust <A&B>",
                        "IT \"ext\" 5499",
                        "https://uim.example.nhs.uk/urswebapp/?operation=selfRenewSmartcard",
                        "org.selfrenewal.client.ClientMain",
                        List.of("https://uim.example.nhs.uk/urswebapp/jars/c.jar"),
                        List.of("https://uim.example.nhs.uk", "operation=selfRenewSmartcard"),
                        SignedTemplate.clientSettings("/usr/lib/softhsm/libsofthsm2.so", "index=0", "false"),
                        List.of()));
        assertTrue(
                served.contains("    <jar href=\"https://uim.example.nhs.uk/urswebapp/jars/c.jar\" main=\"true\"/>\n"),
                served);
        assertTrue(
                served.contains("    <argument>https://uim.example.nhs.uk</argument>\n"
                        + "    <argument>operation=selfRenewSmartcard</argument>\n"),
                served);
        assertEquals("Trust <A&B>", only(parse(served), "vendor").getTextContent());
        assertTrue(
                served.contains("<property name=\"selfrenewal.trust.contact\" value=\"IT &quot;ext&quot; 5499\"/>"),
                served);
    }

    @Test
    void unknownPlaceholderFailsTheBuild() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SignedTemplate.render(
                        "<jnlp codebase=\"{{codebase}}\">{{newThing}}</jnlp>",
                        SignedTemplate.Values.template("a.B", List.of("*"), "op")));
        assertTrue(e.getMessage().contains("{{newThing}}"), e.getMessage());
    }
}
