package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void textIsEscapedAndMarkupIsNot() {
        Template template = Template.of("t", "<p title=\"{{a}}\">{{b}}</p>{{c}}");
        Markup html = template.render(
                Map.of("a", "\"quoted\" & 'single'", "b", "<script>x</script>", "c", Markup.escape("<b>")));
        assertEquals(
                "<p title=\"&quot;quoted&quot; &amp; &#39;single&#39;\">&lt;script&gt;x&lt;/script&gt;</p>&lt;b&gt;",
                html.toString());
    }

    @Test
    void dollarSignsAndBackslashesSurvive() {
        assertEquals(
                "a$1\\b",
                Template.of("t", "{{v}}").render(Map.of("v", "a$1\\b")).toString());
    }

    @Test
    void aMissingValueIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Template.of("t", "{{missing}}")
                .render(Map.of()));
    }

    @Test
    void everyTemplateOnTheClasspathLoads() {
        for (String name : new String[] {
            "page",
            "header",
            "footer",
            "launch-section",
            "unsupported-section",
            "guide",
            "contacts",
            "contacts-advice",
            "help-page-section",
            "unknown-operation-notice"
        }) {
            Template.fromClasspath("web/templates/" + name + ".html");
        }
        Template.fromClasspath("web/ie-compat/page.html");
        Template.fromClasspath(JnlpDocument.TEMPLATE);
    }
}
