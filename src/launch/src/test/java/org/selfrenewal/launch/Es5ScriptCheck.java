package org.selfrenewal.launch;

import com.google.javascript.jscomp.CheckLevel;
import com.google.javascript.jscomp.CommandLineRunner;
import com.google.javascript.jscomp.Compiler;
import com.google.javascript.jscomp.CompilerOptions;
import com.google.javascript.jscomp.DiagnosticGroups;
import com.google.javascript.jscomp.JSError;
import com.google.javascript.jscomp.Result;
import com.google.javascript.jscomp.SourceFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that a script is ES5 and uses no browser API newer than what Internet Explorer 11 has,
 * with Closure Compiler v20240317 (the last release that runs on JDK 17):
 * ES5 input mode rejects let/const/arrows/classes/templates; type checking against the browser
 * externs without the ES6+ ones ({@link #POST_ES5_EXTERNS}) reports fetch, Promise,
 * Object.assign, String#startsWith etc. as undefined names or missing properties - errors here.
 * Not caught: DOM methods IE lacks that the externs still declare (e.g. Element#closest).
 */
final class Es5ScriptCheck {

    /** Externs describing APIs IE11 does not have. */
    static final Set<String> POST_ES5_EXTERNS = Set.of(
            "es6.js",
            "es6_collections.js",
            "fetchapi.js",
            "url.js",
            "streamsapi.js",
            "w3c_abort.js",
            "es6_proxy.js",
            "w3c_serviceworker.js");

    /** Types the remaining externs refer to but which lived in the removed files. */
    private static final String STUBS = "/** @constructor */ function ServiceWorkerGlobalScope() {}\n"
            + "/** @record */ function RequestInit() {}\n";

    private Es5ScriptCheck() {}

    /** Errors, and warnings (prefixed "warning:") in {@code source} itself; empty means it passes. */
    static List<String> problems(String fileName, String source) throws IOException {
        List<SourceFile> externs = new ArrayList<>();
        for (SourceFile extern : CommandLineRunner.getBuiltinExterns(CompilerOptions.Environment.BROWSER)) {
            String name = extern.getName();
            String baseName = name.substring(name.lastIndexOf('/') + 1);
            if (!POST_ES5_EXTERNS.contains(baseName)) {
                externs.add(extern);
            }
        }
        externs.add(SourceFile.fromCode("ie11-stubs.js", STUBS));

        CompilerOptions options = new CompilerOptions();
        options.setLanguageIn(CompilerOptions.LanguageMode.ECMASCRIPT5);
        options.setLanguageOut(CompilerOptions.LanguageMode.ECMASCRIPT5);
        options.setChecksOnly(true);
        options.setCheckTypes(true);
        options.setWarningLevel(DiagnosticGroups.MISSING_PROPERTIES, CheckLevel.ERROR);
        options.setWarningLevel(DiagnosticGroups.UNDEFINED_VARIABLES, CheckLevel.ERROR);
        options.setWarningLevel(DiagnosticGroups.CHECK_VARIABLES, CheckLevel.ERROR);

        Compiler compiler = new Compiler(new PrintStream(OutputStream.nullOutputStream()));
        compiler.disableThreads();
        Result result = compiler.compile(externs, List.of(SourceFile.fromCode(fileName, source)), options);
        List<String> problems = new ArrayList<>();
        for (JSError error : result.errors) {
            problems.add(error.toString());
        }
        for (JSError warning : result.warnings) {
            // The browser externs refer to ES6 types we removed on purpose; only our file counts.
            if (fileName.equals(warning.getSourceName())) {
                problems.add("warning: " + warning);
            }
        }
        return problems;
    }
}
