package org.minbar.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's command line. A command goes through the running site when one serves the same data
 * directory (so its caches and index see the change at once), else it runs in a short-lived
 * context of its own.
 */
public final class CommandLauncher {

    static final String OUT = "o ";
    static final String ERR = "e ";
    static final String EXIT = "x ";

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
                .timeout(Duration.ofHours(2))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header(RunningSite.TOKEN_HEADER, site.get().token())
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
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
        if (response.statusCode() != 200) {
            throw new CommandFailedException("the running site refused the command (HTTP " + response.statusCode() + ")");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(EXIT)) {
                    return Optional.of(Integer.parseInt(line.substring(EXIT.length()).trim()));
                } else if (line.startsWith(ERR)) {
                    System.err.println(line.substring(ERR.length()));
                } else if (line.startsWith(OUT)) {
                    System.out.println(line.substring(OUT.length()));
                }
            }
        } catch (IOException e) {
            throw new CommandFailedException("lost the connection to the running site: " + e.getMessage(), e);
        }
        throw new CommandFailedException("the running site ended the command without an exit status");
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
