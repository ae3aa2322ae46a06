package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every page script is ES5 with no post-ES5 browser API (IE11), and the check can fail. */
class Es5ScriptTest {

    static final Path WEB = Path.of("../../web");

    static Stream<Path> pageScripts() throws IOException {
        try (Stream<Path> files = Files.walk(WEB)) {
            List<Path> scripts =
                    files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
            assertTrue(scripts.contains(WEB.resolve("ie-compat/ie-compat.js")), "found " + scripts);
            return scripts.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pageScripts")
    void pageScriptIsEs5(Path script) throws IOException {
        assertEquals(List.of(), Es5ScriptCheck.problems(script.getFileName().toString(), Files.readString(script)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "let count = 1; window.alert(String(count));",
                "const done = true; window.alert(String(done));",
                "[1, 2].forEach((n) => window.alert(String(n)));",
                "window.alert(`template ${document.title}`);",
                "class Widget {}",
                "fetch('/urswebapp/selfrenewal.jnlp');",
                "new Promise(function (resolve) { resolve(1); });",
                "Promise.resolve(1);",
                "window.alert(String(Object.assign({}, {a: 1})));",
                "window.alert(String(document.title.startsWith('Renew')));",
                "window.alert(String(Array.from(document.getElementsByTagName('a')).length));",
                "window.alert(new URLSearchParams(window.location.search).get('operation'));",
                // IE11's Map is partial (no iterable constructor, no iteration): rejected too, on purpose.
                "var seen = new Map(); seen.set('a', 1);",
            })
    void postEs5CodeIsRejected(String snippet) throws IOException {
        List<String> problems = Es5ScriptCheck.problems("snippet.js", snippet);
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.startsWith("JSC_LANGUAGE_FEATURE.")
                                || p.startsWith("JSC_UNDEFINED_VARIABLE.")
                                || p.startsWith("JSC_INEXISTENT_PROPERTY.")),
                "should be rejected as post-ES5 syntax or API: " + snippet + " -> " + problems);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "var count = 1; window.alert(String(count));",
                "[1, 2].forEach(function (n) { window.alert(String(n)); });",
                "window.alert(String(document.title.indexOf('Renew') === 0));",
                "window.alert(JSON.stringify({a: 1}));",
            })
    void es5CodePasses(String snippet) throws IOException {
        assertEquals(List.of(), Es5ScriptCheck.problems("snippet.js", snippet));
    }
}
