package org.selfrenewal.launch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The browser compatibility table from {@code web/compatibility.json}: the one piece of data that
 * both renders the table on the page and decides which {@link PageVariant} a browser gets.
 *
 * <p>Rule: a browser is supported when a table row lists it; supported browsers flagged
 * {@code ieCompat} get the IE-compat page, the others the launch page; every browser that no row
 * lists is unsupported and must carry a {@code guidance} text. Loading checks these rules, so a
 * bad edit to the JSON fails at start-up rather than in front of a user.
 */
public final class CompatibilityTable {

    /** Classpath location of the table (the file lives in {@code web/compatibility.json}). */
    public static final String DEFAULT_RESOURCE = "web/compatibility.json";

    /** One row: a machine configuration and the browsers that work with it. */
    public record Row(String machine, List<Cell> browsers) {
        public Row {
            browsers = browsers == null ? null : List.copyOf(browsers);
        }
    }

    /** One browser named in a row: the browser id and the label shown. */
    public record Cell(String browser, String label) {}

    /** The table as shown on the page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Table(
            String caption, String machineHeading, String browsersHeading, List<Row> rows, List<String> footnotes) {
        public Table {
            rows = rows == null ? null : List.copyOf(rows);
            footnotes = footnotes == null ? null : List.copyOf(footnotes);
        }
    }

    /** A browser entry. */
    public record Browser(String id, String name, boolean ieCompat, String guidance) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Document(@JsonProperty("table") Table table, @JsonProperty("browsers") List<Browser> browsers) {}

    private final Table table;
    private final Map<BrowserFamily, BrowserVerdict> verdicts;

    private CompatibilityTable(Table table, Map<BrowserFamily, BrowserVerdict> verdicts) {
        this.table = table;
        this.verdicts = verdicts;
    }

    /** Loads {@link #DEFAULT_RESOURCE} from the classpath. */
    public static CompatibilityTable load() {
        try (InputStream in = CompatibilityTable.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + DEFAULT_RESOURCE + " on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Parses and checks a compatibility document. */
    public static CompatibilityTable parse(InputStream json) throws IOException {
        Document document = new ObjectMapper().readValue(json, Document.class);
        if (document.table() == null || document.table().rows() == null || document.browsers() == null) {
            throw new IllegalArgumentException("compatibility.json needs 'table.rows' and 'browsers'");
        }
        Set<String> listedInTable = new LinkedHashSet<>();
        for (Row row : document.table().rows()) {
            for (Cell cell : row.browsers()) {
                listedInTable.add(cell.browser());
            }
        }
        Map<BrowserFamily, BrowserVerdict> verdicts = new EnumMap<>(BrowserFamily.class);
        for (Browser browser : document.browsers()) {
            BrowserFamily family = familyOf(browser.id());
            boolean supported = listedInTable.contains(browser.id());
            PageVariant variant = !supported
                    ? PageVariant.UNSUPPORTED
                    : browser.ieCompat() ? PageVariant.IE_COMPAT : PageVariant.LAUNCH;
            String guidance = browser.guidance() == null ? "" : browser.guidance();
            if (variant == PageVariant.UNSUPPORTED && guidance.isBlank()) {
                throw new IllegalArgumentException(
                        "Browser '" + browser.id() + "' is in no table row, so it needs 'guidance'");
            }
            verdicts.put(family, new BrowserVerdict(family, browser.name(), variant, guidance));
        }
        for (String id : listedInTable) {
            familyOf(id);
        }
        for (BrowserFamily family : BrowserFamily.values()) {
            if (!verdicts.containsKey(family)) {
                throw new IllegalArgumentException("compatibility.json has no entry for browser '" + family.id() + "'");
            }
        }
        return new CompatibilityTable(document.table(), verdicts);
    }

    private static BrowserFamily familyOf(String id) {
        for (BrowserFamily family : BrowserFamily.values()) {
            if (family.id().equals(id)) {
                return family;
            }
        }
        throw new IllegalArgumentException("Unknown browser id in compatibility.json: '" + id + "'");
    }

    /** The verdict for a browser. */
    public BrowserVerdict verdictFor(BrowserFamily family) {
        return verdicts.get(family);
    }

    /** The table as shown on the page. */
    public Table table() {
        return table;
    }

    /**
     * Renders the table as accessible HTML, marking the cells for {@code visitor} with
     * "your browser".
     */
    public Markup toHtml(BrowserFamily visitor) {
        StringBuilder html = new StringBuilder();
        html.append("<table class=\"compat\">\n<caption>")
                .append(Markup.escapeText(table.caption()))
                .append("</caption>\n")
                .append("<thead><tr><th scope=\"col\">")
                .append(Markup.escapeText(table.machineHeading()))
                .append("</th><th scope=\"col\">")
                .append(Markup.escapeText(table.browsersHeading()))
                .append("</th></tr></thead>\n<tbody>\n");
        for (Row row : table.rows()) {
            html.append("<tr><th scope=\"row\">")
                    .append(Markup.escapeText(row.machine()))
                    .append("</th><td><ul class=\"compat__browsers\">");
            for (Cell cell : row.browsers()) {
                boolean yours = cell.browser().equals(visitor.id());
                html.append(yours ? "<li class=\"compat__yours\">" : "<li>").append(Markup.escapeText(cell.label()));
                if (yours) {
                    html.append(" <strong class=\"tag\">your browser</strong>");
                }
                html.append("</li>");
            }
            html.append("</ul></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (table.footnotes() != null) {
            for (String footnote : table.footnotes()) {
                html.append("<p class=\"footnote\">")
                        .append(Markup.escapeText(footnote))
                        .append("</p>\n");
            }
        }
        return Markup.trusted(html.toString());
    }
}
