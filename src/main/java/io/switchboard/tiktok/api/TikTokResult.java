package io.switchboard.tiktok.api;

/** What a TikTok call came to: the value, or TikTok's error (classified by the adapters). */
public sealed interface TikTokResult<T> {

    record Ok<T>(T value) implements TikTokResult<T> {
    }

    record Failed<T>(TikTokError error) implements TikTokResult<T> {
    }
}
