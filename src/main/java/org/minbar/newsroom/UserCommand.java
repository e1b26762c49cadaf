package org.minbar.newsroom;

import java.io.PrintWriter;
import org.minbar.system.AuditLog;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code user add|passwd|disable|enable|role|list}: newsroom accounts from the shell. Passwords are
 * generated and printed once (a password typed on a command line would stay in the shell's history).
 */
@MinbarCommand
@Command(name = "user", description = "Manage newsroom accounts.")
class UserCommand {

    @Spec
    CommandSpec spec;

    private final Users users;
    private final AuditLog audit;

    UserCommand(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @Command(name = "list", description = "List the accounts.")
    int list() {
        for (NewsroomUser user : users.all()) {
            out().println("%-20s %-7s %-9s %s".formatted(user.username(), user.role().name().toLowerCase(),
                    user.enabled() ? "enabled" : "disabled", user.displayName()));
        }
        return 0;
    }

    @Command(name = "add", description = "Add an account; prints its generated password, once.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--role", required = true, paramLabel = "writer|editor|admin") String roleName,
            @Option(names = "--display-name", paramLabel = "\"...\"", description = "the name shown in the newsroom")
            String displayName) {
        Role role = role(roleName);
        String password = Users.generatePassword();
        withUser(() -> users.add(name, displayName, role, password));
        audit.record("cli", "user-added", Users.normalize(name), role.name(), null);
        out().println("Added " + role.name().toLowerCase() + " '" + Users.normalize(name) + "' with password: " + password);
        out().println("(shown once; the user logs in at /newsroom/login)");
        return 0;
    }

    @Command(name = "passwd", description = "Give an account a new generated password, printed once.")
    int passwd(@Parameters(paramLabel = "NAME") String name) {
        String password = Users.generatePassword();
        withUser(() -> users.changePassword(name, password));
        audit.record("cli", "password-changed", Users.normalize(name), null, null);
        out().println("New password for '" + Users.normalize(name) + "': " + password + " (shown once)");
        return 0;
    }

    @Command(name = "disable", description = "Stop an account from logging in.")
    int disable(@Parameters(paramLabel = "NAME") String name) {
        return setEnabled(name, false);
    }

    @Command(name = "enable", description = "Let an account log in again.")
    int enable(@Parameters(paramLabel = "NAME") String name) {
        return setEnabled(name, true);
    }

    @Command(name = "role", description = "Change an account's role.")
    int role(@Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "writer|editor|admin") String roleName) {
        Role role = role(roleName);
        withUser(() -> users.setRole(name, role));
        audit.record("cli", "role-changed", Users.normalize(name), role.name(), null);
        out().println("'" + Users.normalize(name) + "' is now " + role.name().toLowerCase());
        return 0;
    }

    private int setEnabled(String name, boolean enabled) {
        withUser(() -> users.setEnabled(name, enabled));
        String action = enabled ? "enable" : "disable";
        audit.record("cli", "user-" + action + "d", Users.normalize(name), null, null);
        out().println((enabled ? "Enabled" : "Disabled") + " '" + Users.normalize(name) + "'");
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** {@link Users} says what is wrong (an unknown or duplicate user) with an IllegalArgumentException. */
    private static void withUser(Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    private static Role role(String name) {
        try {
            return Role.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }
}
