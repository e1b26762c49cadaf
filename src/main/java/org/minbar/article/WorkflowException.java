package org.minbar.article;

/** A workflow step that the article's state does not allow (publishing without alt text, say). */
public class WorkflowException extends RuntimeException {

    private final String arabicMessage;

    WorkflowException(String message, String arabicMessage) {
        super(message);
        this.arabicMessage = arabicMessage;
    }

    /** The reason, for the newsroom's pages. */
    public String arabicMessage() {
        return arabicMessage;
    }
}
