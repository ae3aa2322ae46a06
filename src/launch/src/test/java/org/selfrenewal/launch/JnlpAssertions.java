package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses a JNLP and checks what OpenWebStart needs to launch the client. */
final class JnlpAssertions {

    private JnlpAssertions() {}

    static Document parse(String jnlp) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(jnlp.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks codebase, href, java version, permissions, main class, arguments and jars. */
    static void assertLaunchable(String jnlp, TestSite site, String selfFile) throws Exception {
        Element root = parse(jnlp).getDocumentElement();
        String base = site.base().toString();
        assertEquals("jnlp", root.getTagName());
        assertEquals(base + "/urswebapp/", root.getAttribute("codebase"));
        assertEquals(base + "/urswebapp/" + selfFile, root.getAttribute("href"));
        // The versions we test, preferred first; never an open range (OpenWebStart would pick Java 24+).
        List<String> javaVersions = new ArrayList<>();
        NodeList javas = root.getElementsByTagName("java");
        for (int i = 0; i < javas.getLength(); i++) {
            javaVersions.add(((Element) javas.item(i)).getAttribute("version"));
        }
        assertEquals(List.of("21*", "17*"), javaVersions);
        assertNotNull(single(root, "all-permissions"));
        Element app = single(root, "application-desc");
        assertEquals(TestSite.MAIN_CLASS, app.getAttribute("main-class"));
        assertEquals(List.of(base, "operation=selfRenewSmartcard"), texts(app.getElementsByTagName("argument")));
        NodeList jars = root.getElementsByTagName("jar");
        assertEquals(2, jars.getLength());
        assertEquals(base + "/urswebapp/jars/client-1.2.3.jar", ((Element) jars.item(0)).getAttribute("href"));
        assertEquals("true", ((Element) jars.item(0)).getAttribute("main"));
        assertEquals(base + "/urswebapp/jars/bcprov-jdk18on-1.79.jar", ((Element) jars.item(1)).getAttribute("href"));
        assertEquals(TestSite.TRUST.trustName(), single(root, "vendor").getTextContent());
    }

    private static Element single(Element root, String tag) {
        NodeList found = root.getElementsByTagName(tag);
        assertEquals(1, found.getLength(), "exactly one <" + tag + ">");
        return (Element) found.item(0);
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
