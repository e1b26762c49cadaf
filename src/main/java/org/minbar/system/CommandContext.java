package org.minbar.system;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a command gets: its arguments, the caller's working directory, and where to print. */
public record CommandContext(List<String> args, Path workingDirectory, PrintWriter out) {

    public CommandContext {
        args = List.copyOf(args);
    }

    /** A path given on the command line, resolved against the caller's working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}, if given. */
    public Optional<String> option(String name) {
        String flag = "--" + name;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(flag)) {
                if (i + 1 >= args.size()) {
                    throw new CommandFailedException("option " + flag + " needs a value");
                }
                return Optional.of(args.get(i + 1));
            }
            if (arg.startsWith(flag + "=")) {
                return Optional.of(arg.substring(flag.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The arguments that are neither options nor option values. */
    public List<String> positional() {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (!arg.contains("=")) {
                    i++; // skip the option's value
                }
                continue;
            }
            result.add(arg);
        }
        return result;
    }

    /** Prints one line and flushes, so progress shows as it happens. */
    public void println(String line) {
        out.println(line);
        out.flush();
    }
}
