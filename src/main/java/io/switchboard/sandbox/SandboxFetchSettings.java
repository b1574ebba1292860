package io.switchboard.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.List;

/**
 * Where the sandbox fetches containers' media from besides this Switchboard's own signed media URLs.
 *
 * @param mediaOrigins further origins ({@code http://host:port}) the sandbox may fetch from, for development and
 *                     tests that serve media themselves; empty by default
 */
@ConfigurationProperties("switchboard.sandbox")
record SandboxFetchSettings(@DefaultValue List<URI> mediaOrigins) {
}
