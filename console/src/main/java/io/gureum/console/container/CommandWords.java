package io.gureum.console.container;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command typed for a console into its arguments by one simple rule: words are separated by spaces,
 * and a quoted part ('…' or "…", no escapes inside) keeps its spaces. Nothing else is special, because no shell
 * ever reads the text: the engine runs the list as it is.
 */
final class CommandWords {

    static final int MAX_CHARS = ContainerService.MAX_COMMAND;
    static final int MAX_WORDS = 64;

    private CommandWords() {
    }

    static List<String> split(String command) {
        if (command == null || command.isBlank()) {
            throw new ContainerValidationException("command", "Enter a command, e.g. /bin/bash or cat /etc/os-release.");
        }
        if (command.length() > MAX_CHARS) {
            throw new ContainerValidationException("command", "The command has at most " + MAX_CHARS + " characters.");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new ContainerValidationException("command", "The command may not contain control characters.");
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ContainerValidationException("command", "A quote (" + quote + ") is not closed.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.size() > MAX_WORDS) {
            throw new ContainerValidationException("command", "The command has at most " + MAX_WORDS + " words.");
        }
        return List.copyOf(words);
    }
}
