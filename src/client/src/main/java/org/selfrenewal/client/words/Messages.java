package org.selfrenewal.client.words;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.selfrenewal.client.CardRenewalWarning;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.client.session.Problem;

/**
 * Every sentence the card holder reads, from one resource bundle ({@code messages.properties} beside this
 * class), keyed by problem, step or screen element. A Welsh translation is {@code messages_cy.properties}:
 * a translation job, not a code change. Patterns are {@link MessageFormat}s; the bundle writes the
 * typographic apostrophe (’), never {@code '}, which MessageFormat would swallow. Dates are passed as
 * {@link LocalDate} and written in the bundle's language.
 */
public final class Messages {

    private static final String BUNDLE = "org.selfrenewal.client.words.messages";

    private final ResourceBundle bundle;
    private final Locale locale;
    private final DateTimeFormatter dates;

    private Messages(ResourceBundle bundle) {
        this.bundle = bundle;
        this.locale = bundle.getLocale().getLanguage().isEmpty() ? Locale.UK : bundle.getLocale();
        this.dates = DateTimeFormatter.ofPattern(bundle.getString("format.date"), locale);
    }

    /** The words for {@code locale}, falling back to English. */
    public static Messages forLocale(Locale locale) {
        return new Messages(ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The words in the machine's language where we have them, else English. */
    public static Messages forDefaultLocale() {
        return forLocale(Locale.getDefault());
    }

    /** The sentence for {@code key}, with {@code arguments} filled in. */
    public String text(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = arguments[i] instanceof LocalDate day ? day.format(dates) : arguments[i];
        }
        return new MessageFormat(pattern, locale).format(shown);
    }

    /** Whether the bundle has {@code key}. */
    public boolean has(String key) {
        try {
            bundle.getString(key);
            return true;
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /** What happened and what to do next. */
    public String problem(Problem problem) {
        if (problem.refusal() != null) {
            String key = "refusal." + problem.refusal().name();
            return has(key) ? text(key) : text("problem.SERVICE_REFUSED");
        }
        return text("problem." + problem.code().name(), problem.arguments().toArray());
    }

    /** The step's name in the progress window. */
    public String step(RenewalStep step) {
        return text("step." + step.name());
    }

    /** A warning after a successful renewal. */
    public String warning(CardRenewalWarning warning) {
        return text(
                "warning." + warning.kind().name(),
                text("purpose." + warning.purpose().name()));
    }

    /** A day, in this language ("22 February 2027"). */
    public String date(LocalDate day) {
        return day.format(dates);
    }
}
