package org.minbar.system;

/**
 * A command of the jar ({@code java -jar minbar.jar NAME ARGS}). Features contribute commands as
 * Spring beans; the command line finds them by name and runs them in the running site when there
 * is one, else in a context of its own on the same data directory.
 */
public interface MinbarCommand {

    /** The name typed after the jar, such as {@code import-text}. */
    String name();

    /** One line: the arguments and what the command does. */
    String usage();

    /**
     * Runs the command. Returns the exit status; throw {@link CommandFailedException} with a
     * one-line English message for an expected failure.
     */
    int run(CommandContext context) throws Exception;
}
