package io.gureum.console.container;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command line as a POSIX shell would need it typed, for display only: the console never runs what this
 * returns (the engine gets the arguments as a list), it shows the operator exactly what will run.
 */
final class ShellQuoting {

    /** Characters no POSIX shell treats specially; a word made only of them needs no quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    /** The arguments joined by spaces, each quoted if a shell would otherwise split or interpret it. */
    static String quote(List<String> arguments) {
        return arguments.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }

    /** One argument: as is when plain, else in single quotes, with each ' written as '\'' . */
    static String quote(String argument) {
        if (PLAIN.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** How a container's command runs: {@code sh -c <command>}, quoted. */
    static String shCommand(String command) {
        return quote(List.of("sh", "-c", command));
    }
}
