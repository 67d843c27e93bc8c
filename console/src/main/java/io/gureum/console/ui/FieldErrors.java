package io.gureum.console.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.AbstractNumberField;
import com.vaadin.flow.component.textfield.NumberField;
import io.gureum.console.system.Echo;
import io.gureum.console.system.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shows why a form was refused where the user looks: next to the field a service's {@link InvalidInput} names,
 * or, for a message tied to no field of the form, at the top of the form (never in a toast that hides the
 * navigation). Also reads number fields whose text is no number they can hold (too large, ...).
 */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Paragraph formError = new Paragraph();

    public FieldErrors() {
        formError.getStyle().set("color", "var(--lumo-error-text-color)").set("margin-top", "0");
        formError.getElement().setAttribute("role", "alert");
        formError.setVisible(false);
    }

    /** Messages about {@code name} (the service's field name, e.g. "memoryMib") show next to {@code component}. */
    public FieldErrors field(String name, HasValidation component) {
        fields.put(name, component);
        return this;
    }

    /** Whether messages about {@code name} have a field of their own here. */
    public boolean has(String name) {
        return name != null && fields.containsKey(name);
    }

    /** The place for messages that concern no single field: put it at the top of the form. */
    public Paragraph formError() {
        return formError;
    }

    /** Forgets the messages shown (before the next attempt). */
    public void clear() {
        fields.values().forEach(field -> field.setInvalid(false));
        formError.setText("");
        formError.setVisible(false);
    }

    /** Shows a refusal next to the field it names, at the top of the form otherwise. */
    public void show(RuntimeException refused) {
        show(refused instanceof InvalidInput invalid ? invalid.field() : null, refused.getMessage());
    }

    /** Shows {@code message} next to the field named {@code field}, at the top of the form when there is none. */
    public void show(String field, String message) {
        HasValidation component = field == null ? null : fields.get(field);
        if (component == null) {
            formError.setText(message);
            formError.setVisible(true);
            return;
        }
        component.setErrorMessage(message);
        component.setInvalid(true);
    }

    /** The message shown for {@code field} right now, if any (for tests and screen readers alike). */
    public Optional<String> shown(String field) {
        HasValidation component = fields.get(field);
        return component != null && component.isInvalid() ? Optional.ofNullable(component.getErrorMessage())
                : Optional.empty();
    }

    /** The message at the top of the form, if any. */
    public Optional<String> shownForForm() {
        return formError.isVisible() ? Optional.of(formError.getText()) : Optional.empty();
    }

    /**
     * True when the number field holds a number (or, when not {@code required}, nothing); otherwise shows next to it
     * what was typed and the range it takes ("'9223372036854775807' is not a whole number from 64 to 65536.") or
     * that it is empty, and returns false. The range itself is the service's to check.
     */
    public boolean number(String field, AbstractNumberField<?, ?> component, Number min, Number max,
                          boolean required) {
        String kind = component instanceof NumberField ? "a number" : "a whole number";
        String typed = unreadable(component);
        if (typed != null) {
            show(field, Echo.quoted(typed) + " is not " + kind + " from " + min + " to " + max + ".");
            return false;
        }
        if (required && component.getValue() == null) {
            show(field, "Enter " + kind + " from " + min + " to " + max + ".");
            return false;
        }
        return true;
    }

    /** What was typed into a number field that could not be read as its number (e.g. too large); null otherwise. */
    public static String unreadable(AbstractNumberField<?, ?> component) {
        if (component.getValue() != null) {
            return null;
        }
        // The field keeps the text it could not parse: the value property (a number too large for the field's
        // type) or the text the browser could not take as a number at all (sent as _inputElementValue).
        String value = component.getElement().getProperty("value", "");
        String input = component.getElement().getProperty("_inputElementValue", "");
        String typed = !value.isEmpty() ? value : input;
        return typed.isEmpty() ? null : typed;
    }

    /** The field's value when it is a number from {@code min} to {@code max}; empty otherwise (for previews). */
    public static Optional<Long> inRange(AbstractNumberField<?, ? extends Number> component, long min, long max) {
        Number value = component.getValue();
        return value != null && value.longValue() >= min && value.longValue() <= max
                && value.doubleValue() == value.longValue() ? Optional.of(value.longValue()) : Optional.empty();
    }
}
