package org.selfrenewal.client.window;

import org.selfrenewal.client.words.Messages;

/** Renew certification confirmation: what will happen, how long it takes, and the question. */
final class ConfirmPage extends Layouts.Stack {
    private static final long serialVersionUID = 1L;

    ConfirmPage(Messages words) {
        setName("confirmPage");
        WrappedText intro = new WrappedText("intro", words.text("confirm.heading"));
        intro.show(words.text("confirm.intro"));
        row(Headings.heading(words.text("confirm.heading")));
        row(intro);
        row(Headings.strong(words.text("confirm.question")));
        end();
    }
}
