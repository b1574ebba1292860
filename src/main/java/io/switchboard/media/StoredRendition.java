package io.switchboard.media;

/** A rendition's row: the public view plus where its bytes are. */
record StoredRendition(long mediaId, String storageKey, Rendition rendition) {
}
