package org.minbar.newsroom;

import java.util.List;
import org.minbar.system.AuditLog;
import org.minbar.system.CommandContext;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import org.springframework.stereotype.Component;

/**
 * {@code user add|passwd|disable|enable|role|list}: newsroom accounts from the shell. Passwords are
 * generated and printed once (a password typed on a command line would stay in the shell's history).
 */
@Component
class UserCommand implements MinbarCommand {

    private final Users users;
    private final AuditLog audit;

    UserCommand(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public String usage() {
        return "add NAME --role writer|editor|admin [--display-name \"...\"] | passwd NAME | disable NAME | enable NAME"
                + " | role NAME ROLE | list: manage newsroom accounts";
    }

    @Override
    public int run(CommandContext context) {
        List<String> words = context.positional();
        if (words.isEmpty()) {
            throw new CommandFailedException("usage: user " + usage());
        }
        String action = words.get(0);
        try {
            switch (action) {
                case "list" -> {
                    for (NewsroomUser user : users.all()) {
                        context.println("%-20s %-7s %-9s %s".formatted(user.username(), user.role().name().toLowerCase(),
                                user.enabled() ? "enabled" : "disabled", user.displayName()));
                    }
                }
                case "add" -> {
                    String name = needName(words, action);
                    Role role = Role.parse(context.option("role").orElseThrow(
                            () -> new CommandFailedException("user add needs --role writer|editor|admin")));
                    String password = Users.generatePassword();
                    users.add(name, context.option("display-name").orElse(null), role, password);
                    audit.record("cli", "user-added", Users.normalize(name), role.name(), null);
                    context.println("Added " + role.name().toLowerCase() + " '" + Users.normalize(name) + "' with password: " + password);
                    context.println("(shown once; the user logs in at /newsroom/login)");
                }
                case "passwd" -> {
                    String name = needName(words, action);
                    String password = Users.generatePassword();
                    users.changePassword(name, password);
                    audit.record("cli", "password-changed", Users.normalize(name), null, null);
                    context.println("New password for '" + Users.normalize(name) + "': " + password + " (shown once)");
                }
                case "disable", "enable" -> {
                    String name = needName(words, action);
                    users.setEnabled(name, action.equals("enable"));
                    audit.record("cli", "user-" + action + "d", Users.normalize(name), null, null);
                    context.println((action.equals("enable") ? "Enabled" : "Disabled") + " '" + Users.normalize(name) + "'");
                }
                case "role" -> {
                    String name = needName(words, action);
                    if (words.size() < 3) {
                        throw new CommandFailedException("usage: user role NAME writer|editor|admin");
                    }
                    Role role = Role.parse(words.get(2));
                    users.setRole(name, role);
                    audit.record("cli", "role-changed", Users.normalize(name), role.name(), null);
                    context.println("'" + Users.normalize(name) + "' is now " + role.name().toLowerCase());
                }
                default -> throw new CommandFailedException("unknown action '" + action + "'; usage: user " + usage());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
        return 0;
    }

    private static String needName(List<String> words, String action) {
        if (words.size() < 2) {
            throw new CommandFailedException("user " + action + " needs a user name");
        }
        return words.get(1);
    }
}
