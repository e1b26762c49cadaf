package org.minbar.system;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Finds a command by name and runs it, turning failures into a one-line error and a status. */
@Component
class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final Map<String, MinbarCommand> commands = new TreeMap<>();

    CommandRunner(List<MinbarCommand> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    int run(String name, CommandContext context, PrintWriter err) {
        if (name.equals("help")) {
            context.println("Usage: java -jar minbar.jar [COMMAND [ARGS]]  (no command: serve the site)");
            commands.values().forEach(c -> context.println("  " + c.name() + " " + c.usage()));
            context.println("  jobs: list the commands running or run in the running site since it started");
            context.println("  job follow ID: follow a job's output again (Ctrl-C stops following, not the job)");
            return 0;
        }
        MinbarCommand command = commands.get(name);
        if (command == null) {
            err.println("error: unknown command '" + name + "'; commands: " + String.join(", ", commands.keySet()) + ", help");
            err.flush();
            return 2;
        }
        try {
            return command.run(context);
        } catch (CommandFailedException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        } catch (Exception e) {
            log.error("Command {} failed", name, e);
            err.println("error: " + name + " failed: " + rootMessage(e));
            err.flush();
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
