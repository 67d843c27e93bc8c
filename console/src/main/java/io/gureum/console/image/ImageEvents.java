package io.gureum.console.image;

import io.gureum.console.system.Audited;

/** What administrators do to images and sizes, published for the audit log. */
public final class ImageEvents {

    private ImageEvents() {
    }

    /** e.g. {@code image.uploaded} on {@code vm image ubuntu}, {@code size.deleted} on {@code instance size xl}. */
    public record ImageChanged(String action, String target, String detail) implements Audited {
        @Override
        public Long projectId() {
            return null;
        }
    }
}
