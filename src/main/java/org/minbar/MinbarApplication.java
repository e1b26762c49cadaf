package org.minbar;

import org.minbar.system.CommandLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Minbar: serves the site, or runs a command when the first argument is a command name
 * ({@code java -jar minbar.jar import-text FILE}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class MinbarApplication {

    public static void main(String[] args) {
        CommandLauncher.useAbsoluteDataDirectory();
        if (CommandLauncher.isCommand(args)) {
            System.exit(CommandLauncher.run(MinbarApplication.class, args));
        }
        SpringApplication.run(MinbarApplication.class, args);
    }
}
