package org.selfrenewal.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogEscapingTest {

    @Test
    @DisplayName("fail/forged-log-line: CR, LF, other controls and Unicode line separators are escaped")
    void escapesControlCharacters() {
        assertEquals(
                "CN=x\\n12:00:00.000 INFO  forged\\r\\t\\u0000\\u001b[31m\\u2028",
                LogEscaping.escape("CN=x\n12:00:00.000 INFO  forged\r\t\u0000\u001b[31m\u2028"));
        assertEquals("plain text é", LogEscaping.escape("plain text é"));
    }

    @Test
    @DisplayName("the server's pattern renders a hostile subject and exception message on one line each")
    void layoutKeepsOneLinePerEvent() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safeMsg", SafeMessageConverter.class.getName());
        layout.getInstanceConverterMap().put("safeEx", SafeThrowableConverter.class.getName());
        layout.setPattern("%level - %safeMsg%n%safeEx");
        layout.start();
        LoggingEvent event = new LoggingEvent(
                "test",
                context.getLogger("test"),
                Level.INFO,
                "Refused subject {}",
                new IllegalArgumentException("bad\nINFO - forged"),
                new Object[] {"CN=Eve\nINFO - renewal confirmed"});
        String rendered = layout.doLayout(event);
        String[] lines = rendered.split("\n");
        assertEquals("INFO - Refused subject CN=Eve\\nINFO - renewal confirmed", lines[0]);
        assertTrue(lines[1].contains("bad\\nINFO - forged"), rendered);
        for (int i = 2; i < lines.length; i++) {
            assertTrue(lines[i].startsWith("\t") || lines[i].startsWith("Caused by: "), "frames only: " + lines[i]);
        }
        assertFalse(rendered.contains("\nINFO - forged"), rendered);
    }
}
