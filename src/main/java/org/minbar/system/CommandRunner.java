package org.minbar.system;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses a command line with picocli and runs the {@link MinbarCommand} it names, turning failures
 * into a one-line English error and an exit status: 0 done, 1 the command failed, 2 the command
 * line is wrong (unknown command or option, missing or malformed argument).
 */
@Component
class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    /** The top of the command line: its subcommands are the features' commands. */
    @Command(name = "java -jar minbar.jar", subcommands = HelpCommand.class,
            description = "Runs a command on the site's data directory, through the running site when there is one."
                    + " Without a command, serves the site.",
            synopsisSubcommandLabel = "COMMAND")
    static final class Commands {
    }

    private final ListableBeanFactory beans;
    private final CommandLine.IFactory factory;
    private final DataDirectory dataDirectory;

    /** {@code factory} is picocli's Spring factory (its starter): commands are made by the context. */
    CommandRunner(ListableBeanFactory beans, CommandLine.IFactory factory, DataDirectory dataDirectory) {
        this.beans = beans;
        this.factory = factory;
        this.dataDirectory = dataDirectory;
    }

    /** Runs {@code args} (the command's name first); paths are resolved against {@code workingDirectory}. */
    int run(List<String> args, Path workingDirectory, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Commands(), factory);
        Arrays.stream(beans.getBeanNamesForAnnotation(MinbarCommand.class))
                // A class rather than an instance: the factory makes a new command for this run.
                .map(name -> new CommandLine(beans.getType(name), factory))
                .sorted(Comparator.comparing(CommandLine::getCommandName))
                .forEach(commandLine::addSubcommand);
        CommandLauncher.addJobCommands(commandLine, dataDirectory.root());
        return configure(commandLine, workingDirectory, out, err).execute(args.toArray(String[]::new));
    }

    /** What every command line of the jar shares: {@code --help}, paths, output and errors. */
    static CommandLine configure(CommandLine commandLine, Path workingDirectory, PrintWriter out, PrintWriter err) {
        addHelpOption(commandLine);
        // Applies to the subcommands added so far, so configure once they all are.
        commandLine.registerConverter(Path.class, path -> workingDirectory.resolve(path).normalize());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(CommandRunner::usageError);
        commandLine.setExecutionExceptionHandler(CommandRunner::failure);
        return commandLine;
    }

    private static void addHelpOption(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.findOption("--help") == null && !(spec.userObject() instanceof HelpCommand)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        }
        commandLine.getSubcommands().values().forEach(CommandRunner::addHelpOption);
    }

    /** A wrong command line: one line naming the mistake, picocli's suggestion, and where the help is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String message = oneLine(e.getMessage());
        List<String> suggestions = List.of();
        if (e instanceof UnmatchedArgumentException unmatched) {
            suggestions = unmatched.getSuggestions();
            if (commandLine.getParent() == null && !unmatched.isUnknownOption() && !unmatched.getUnmatched().isEmpty()) {
                message = "unknown command '" + unmatched.getUnmatched().get(0) + "'; commands: "
                        + String.join(", ", commandLine.getSubcommands().keySet());
            }
        }
        if ("Missing required subcommand".equals(e.getMessage())) {
            message = commandLine.getCommandName() + " needs one of: " + String.join(", ", commandLine.getSubcommands().keySet());
        }
        if (!suggestions.isEmpty()) {
            message += ". Did you mean: " + String.join(" or ", suggestions) + "?";
        }
        PrintWriter err = commandLine.getErr();
        err.println("error: " + message + " (help: " + commandLine.getCommandSpec().qualifiedName(" ") + " --help)");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine commandLine, ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof CommandFailedException) {
            err.println("error: " + oneLine(e.getMessage()));
        } else {
            log.error("Command {} failed", commandLine.getCommandName(), e);
            err.println("error: " + commandLine.getCommandName() + " failed: " + oneLine(rootMessage(e)));
        }
        err.flush();
        return 1;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
