package io.switchboard.sandbox;

import java.time.OffsetDateTime;

/** An Instagram professional account inside the sandbox; its id is the ig-user-id. */
record SandboxAccount(long id, String username, String name, String biography, String website, int followers,
                      int follows, OffsetDateTime createdAt) {
}
