package org.imrap.bulletin.preview.live;

import org.imrap.bulletin.preview.RenderedPreview;

/**
 * The bulletin for one person as the workspace stood at one version, or why it could not be made: one
 * of {@code preview} (with {@code message}, the same bytes read back) and {@code failure} is null.
 */
record Rendering(long version, RenderedPreview preview, ReceivedMessage message, Throwable failure) {

    static Rendering of(long version, RenderedPreview preview, ReceivedMessage message) {
        return new Rendering(version, preview, message, null);
    }

    static Rendering failed(long version, Throwable failure) {
        return new Rendering(version, null, null, failure);
    }

    boolean ok() {
        return failure == null;
    }
}
