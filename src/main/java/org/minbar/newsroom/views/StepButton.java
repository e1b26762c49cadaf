package org.minbar.newsroom.views;

/** A workflow button of the editor: the step's code and its Arabic label. */
public record StepButton(String step, String label, boolean needsTime, boolean dangerous) {
}
