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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

    /** True when the first argument names a command rather than a server option. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /** Runs the command in {@code args} and returns the process exit status. */
    public static int run(Class<?> application, String[] args) {
        String name = args[0];
        List<String> commandArgs = Arrays.asList(args).subList(1, args.length);
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path dataDirectory = Path.of(System.getProperty("minbar.data"));
        try {
            if (name.equals("jobs") || name.equals("job")) {
                return jobCommand(dataDirectory, name, commandArgs);
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

    /** {@code jobs} and {@code job follow ID}: they only make sense with a running site. */
    private static int jobCommand(Path dataDirectory, String name, List<String> args) {
        RunningSite site = RunningSite.read(dataDirectory).orElseThrow(() -> new CommandFailedException(
                "no running site serves " + dataDirectory + "; jobs run inside the site"));
        if (name.equals("jobs")) {
            HttpResponse<String> response = get(site, "jobs", 0);
            if (response.statusCode() != 200) {
                throw new CommandFailedException("the running site refused to list its jobs (HTTP " + response.statusCode() + ")");
            }
            System.out.print(response.body().isEmpty() ? "no jobs since the site started\n" : response.body());
            System.out.flush();
            return 0;
        }
        if (args.size() != 2 || !args.get(0).equals("follow") || !args.get(1).matches("\\d{1,18}")) {
            throw new CommandFailedException("usage: job follow ID (the ids are listed by: java -jar minbar.jar jobs)");
        }
        return follow(site, Long.parseLong(args.get(1)), "job " + args.get(1));
    }

    private static int runHere(Class<?> application, String name, List<String> args, Path workingDirectory) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "minbar.cli", "true",
                        "logging.level.root", "WARN",
                        "spring.main.register-shutdown-hook", "false"))
                .run();
        try {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            return context.getBean(CommandRunner.class).run(name, new CommandContext(args, workingDirectory, out), err);
        } finally {
            context.close();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
