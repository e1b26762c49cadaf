package org.minbar.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Marks a command of the jar ({@code java -jar minbar.jar NAME ARGS}): a picocli
 * {@link picocli.CommandLine.Command @Command} that is a Spring bean. Features contribute commands
 * this way; the command line finds them by their picocli name and runs them in the running site
 * when there is one, else in a context of its own on the same data directory.
 *
 * <p>A new instance is made for every run, since picocli sets the options on its fields and two
 * jobs of the same command may run at once in the site. A command returns its exit status from
 * {@code call()} and throws {@link CommandFailedException} with a one-line English message for an
 * expected failure. Paths given as {@link java.nio.file.Path} options or parameters are resolved
 * against the caller's working directory, also when the command runs inside the site.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public @interface MinbarCommand {
}
