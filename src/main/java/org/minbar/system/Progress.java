package org.minbar.system;

import java.io.PrintWriter;

/**
 * The progress display of every long command: one line each time the bar moves by a step (and at
 * the end), such as {@code Reindexing [###############---------------]  50%  156/312 articles}.
 * Whole lines rather than a bar redrawn in place, because a command in the running site reaches
 * the terminal line by line ({@link CommandJobs}).
 */
public final class Progress {

    static final int WIDTH = 30;
    /** A line every 5 %: about twenty lines for a whole run, however long. */
    static final int STEP = 5;

    private final PrintWriter out;
    private final String label;
    private int shown = -1;

    public Progress(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Shows {@code done} of {@code total} when the bar has moved since the last line. */
    public void show(long done, long total, String detail) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, Math.max(0, done) * 100 / total);
        if (shown >= 0 && percent / STEP == shown / STEP && !(percent == 100 && shown < 100)) {
            return;
        }
        shown = percent;
        out.println(line(label, percent, detail));
        out.flush();
    }

    /** Shows {@code done} of {@code total} things, such as articles. */
    public void count(long done, long total, String things) {
        show(done, total, done + "/" + total + " " + things);
    }

    /** One line of the display. */
    public static String line(String label, int percent, String detail) {
        int filled = percent * WIDTH / 100;
        return "%s [%s%s] %3d%%%s".formatted(label, "#".repeat(filled), "-".repeat(WIDTH - filled), percent,
                detail == null || detail.isEmpty() ? "" : "  " + detail);
    }
}
