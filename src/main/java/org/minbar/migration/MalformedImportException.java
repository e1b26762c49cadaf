package org.minbar.migration;

/** Input that cannot be imported; the message names the file and the line. */
class MalformedImportException extends RuntimeException {

    MalformedImportException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
