package io.gureum.console.system;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rule of one kind of object (VM, container, project, user, host, ...): a pattern and the same rule in
 * words, which forms show next to the field. Names are never trimmed: white space at either end is refused with
 * its own message, so that what the user typed is what is stored.
 *
 * @param what    the field's name in a sentence, e.g. "VM name"
 * @param pattern what a whole name matches
 * @param rule    the pattern in words, e.g. "1 to 32 lower-case letters, digits or '-', starting with a letter"
 */
public record NameRule(String what, Pattern pattern, String rule) {

    public NameRule(String what, String regex, String rule) {
        this(what, Pattern.compile(regex), rule);
    }

    /** Why {@code typed} is not a valid name, or empty when it is one. */
    public Optional<String> problem(String typed) {
        if (typed == null || typed.isEmpty()) {
            return Optional.of("Enter " + article() + " " + what + ": " + rule + ".");
        }
        if (typed.isBlank()) {
            return Optional.of(capitalized(article()) + " " + what + " cannot be only white space: " + rule + ".");
        }
        boolean leading = Character.isWhitespace(typed.codePointAt(0)) || Character.isSpaceChar(typed.codePointAt(0));
        int last = typed.codePointBefore(typed.length());
        boolean trailing = Character.isWhitespace(last) || Character.isSpaceChar(last);
        if (leading || trailing) {
            return Optional.of(capitalized(what) + " " + Echo.quoted(typed) + (leading && trailing ? " starts and ends"
                    : leading ? " starts" : " ends") + " with white space: remove it (" + rule + ").");
        }
        if (!pattern.matcher(typed).matches()) {
            return Optional.of(capitalized(what) + " " + Echo.quoted(typed) + " is not valid: use " + rule + ".");
        }
        return Optional.empty();
    }

    private String article() {
        return "aeiou".indexOf(Character.toLowerCase(what.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
