package org.imrap.bulletin.check;

/** Hands each step to the listener, counting the warnings. */
final class Progress {
    private final CheckListener listener;
    private int warnings;

    Progress(CheckListener listener) {
        this.listener = listener;
    }

    void section(String title) {
        listener.section(title);
    }

    void ok(String what, String detail) {
        listener.step(Step.ok(what, detail));
    }

    void warning(String what, String detail, String hint) {
        warnings++;
        listener.step(Step.warning(what, detail, hint));
    }

    void failed(String what, String detail, String hint) {
        listener.step(Step.failed(what, detail, hint));
    }

    int warnings() {
        return warnings;
    }
}
