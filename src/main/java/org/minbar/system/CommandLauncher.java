package org.minbar.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The jar's command line. A command goes through the running site when one serves the same data
 * directory (so its caches and index see the change at once), else it runs in a short-lived
 * context of its own. In the site, a command is a job: this process submits it and follows its
 * output; stopping this process does not stop the job ({@code jobs}, {@code job follow ID}).
 */
public final class CommandLauncher {

    static final String OUT = "o ";
    static final String ERR = "e ";
    static final String EXIT = "x ";
    static final String NEXT = "n ";
    static final String JOB = "j ";
    /** Every request to the site is short: submitting answers at once, following within about a second. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private CommandLauncher() {
    }

    /** Fixes {@code minbar.data} to an absolute path (H2 refuses implicitly relative paths). */
    public static void useAbsoluteDataDirectory() {
        String configured = System.getProperty("minbar.data");
        if (configured == null || configured.isBlank()) {
            configured = Optional.ofNullable(System.getenv("MINBAR_DATA")).filter(s -> !s.isBlank()).orElse("data");
        }
        System.setProperty("minbar.data", Path.of(configured).toAbsolutePath().normalize().toString());
    }

    /** True when the first argument names a command (or asks for the help) rather than a server option. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || args[0].equals("--help") || args[0].equals("-h"));
    }

    /** Runs the command in {@code args} and returns the process exit status. */
    public static int run(Class<?> application, String[] args) {
        String name = args[0].startsWith("-") ? "help" : args[0];
        List<String> commandArgs = args[0].startsWith("-") ? List.of() : Arrays.asList(args).subList(1, args.length);
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path dataDirectory = Path.of(System.getProperty("minbar.data"));
        try {
            if (name.equals("jobs") || name.equals("job")) {
                CommandLine jobs = addJobCommands(new CommandLine(new CommandRunner.Commands()), dataDirectory);
                return CommandRunner.configure(jobs, workingDirectory, utf8(System.out), utf8(System.err)).execute(args);
            }
            Optional<Integer> remote = runInRunningSite(dataDirectory, name, commandArgs, workingDirectory);
            if (remote.isPresent()) {
                return remote.get();
            }
            return runHere(application, name, commandArgs, workingDirectory);
        } catch (CommandFailedException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** {@code jobs} and {@code job follow ID}: run by this process alone, they only make sense with a running site. */
    static CommandLine addJobCommands(CommandLine commandLine, Path dataDirectory) {
        return commandLine.addSubcommand(new JobsCommand(dataDirectory)).addSubcommand(new JobCommand(dataDirectory));
    }

    @Command(name = "jobs", description = "List the commands running or run in the running site since it started.")
    static final class JobsCommand implements Callable<Integer> {
        private final Path dataDirectory;

        JobsCommand(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        @Override
        public Integer call() {
            RunningSite site = runningSite(dataDirectory);
            HttpResponse<String> response = get(site, "jobs", 0);
            if (response.statusCode() != 200) {
                throw new CommandFailedException("the running site refused to list its jobs (HTTP " + response.statusCode() + ")");
            }
            System.out.print(response.body().isEmpty() ? "no jobs since the site started\n" : response.body());
            System.out.flush();
            return 0;
        }
    }

    @Command(name = "job", description = "A job of the running site.")
    static final class JobCommand {
        private final Path dataDirectory;

        JobCommand(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        @Command(name = "follow", description = "Follow a job's output again, from the start (Ctrl-C stops following, not the job).")
        int follow(@Parameters(paramLabel = "ID", description = "the job's id, as listed by: jobs") long id) {
            return CommandLauncher.follow(runningSite(dataDirectory), id, "job " + id);
        }
    }

    private static RunningSite runningSite(Path dataDirectory) {
        return RunningSite.read(dataDirectory).orElseThrow(() -> new CommandFailedException(
                "no running site serves " + dataDirectory + "; jobs run inside the site"));
    }

    private static Optional<Integer> runInRunningSite(Path dataDirectory, String name, List<String> args,
            Path workingDirectory) {
        Optional<RunningSite> site = RunningSite.read(dataDirectory);
        if (site.isEmpty()) {
            return Optional.empty();
        }
        String form = "cwd=" + encode(workingDirectory.toString())
                + args.stream().map(a -> "&arg=" + encode(a)).collect(Collectors.joining());
        HttpRequest request = HttpRequest.newBuilder(site.get().commandUri(name))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header(RunningSite.TOKEN_HEADER, site.get().token())
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            return Optional.empty(); // a site that stopped without removing its file
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                return Optional.empty();
            }
            throw new CommandFailedException("cannot reach the running site: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted");
        }
        if (response.statusCode() != 202 || !response.body().startsWith(JOB)) {
            throw new CommandFailedException("the running site refused the command (HTTP " + response.statusCode() + ")");
        }
        long id = Long.parseLong(response.body().substring(JOB.length()).trim());
        return Optional.of(follow(site.get(), id, name));
    }

    /**
     * Prints a job's output as it comes and returns its exit status. Each request returns within
     * about a second; stopping the command line here (Ctrl-C) leaves the job running in the site.
     */
    private static int follow(RunningSite site, long id, String name) {
        AtomicBoolean done = new AtomicBoolean();
        Thread notice = new Thread(() -> {
            if (!done.get()) {
                System.out.flush();
                System.err.println();
                System.err.println("Stopped following job " + id + " (" + name + "); it goes on in the running site.");
                System.err.println("Follow it again: java -jar minbar.jar job follow " + id + "   (all jobs: java -jar minbar.jar jobs)");
                System.err.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(notice);
        try {
            long from = 0;
            while (true) {
                HttpResponse<String> response = get(site, "jobs/" + id + "?from=" + from, id);
                if (response.statusCode() == 404) {
                    throw new CommandFailedException("the running site has no job " + id
                            + " (jobs are kept until the site stops; list them with: java -jar minbar.jar jobs)");
                }
                if (response.statusCode() != 200) {
                    throw new CommandFailedException("the running site refused to show job " + id + " (HTTP "
                            + response.statusCode() + ")");
                }
                for (String line : response.body().split("\n")) {
                    if (line.startsWith(OUT)) {
                        System.out.println(line.substring(OUT.length()));
                    } else if (line.startsWith(ERR)) {
                        System.err.println(line.substring(ERR.length()));
                    } else if (line.startsWith(NEXT)) {
                        from = Long.parseLong(line.substring(NEXT.length()).trim());
                    } else if (line.startsWith(EXIT)) {
                        done.set(true);
                        System.out.flush();
                        return Integer.parseInt(line.substring(EXIT.length()).trim());
                    }
                }
            }
        } finally {
            done.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private static HttpResponse<String> get(RunningSite site, String path, long job) {
        HttpRequest request = HttpRequest.newBuilder(site.commandUri(path))
                .timeout(REQUEST_TIMEOUT)
                .header(RunningSite.TOKEN_HEADER, site.token())
                .GET()
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandFailedException("lost the connection to the running site" + (job > 0 ? " while following job " + job : "")
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted");
        }
    }

    private static int runHere(Class<?> application, String name, List<String> args, Path workingDirectory) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Beans that belong to the serving site only (jobs, start-up work) are @Profile("!cli").
                .profiles("cli")
                .properties(Map.of(
                        "logging.level.root", "WARN",
                        "spring.main.register-shutdown-hook", "false"))
                .run();
        try {
            List<String> commandLine = new ArrayList<>(List.of(name));
            commandLine.addAll(args);
            return context.getBean(CommandRunner.class).run(commandLine, workingDirectory, utf8(System.out), utf8(System.err));
        } finally {
            context.close();
        }
    }

    private static PrintWriter utf8(java.io.PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
