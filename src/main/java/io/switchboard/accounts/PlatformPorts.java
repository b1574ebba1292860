package io.switchboard.accounts;

import io.switchboard.platform.Adapters;
import io.switchboard.platform.Platform;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The adapters of this module's ports, by platform, as the platform modules declare them. */
@Component
class PlatformPorts {
    private final Map<Platform, ProfileReader> profiles;
    private final Map<Platform, TokenKeeper> tokens;
    private final Map<Platform, PlatformSignIn> signIns;

    PlatformPorts(List<ProfileReader> profiles, List<TokenKeeper> tokens, List<PlatformSignIn> signIns) {
        this.profiles = Adapters.byPlatform(profiles, ProfileReader::platform);
        this.tokens = Adapters.byPlatform(tokens, TokenKeeper::platform);
        this.signIns = Adapters.byPlatform(signIns, PlatformSignIn::platform);
    }

    /** The platforms accounts can be connected on (their adapter is installed), in the enum's order. */
    List<Platform> connectable() {
        return profiles.keySet().stream().filter(tokens::containsKey).filter(signIns::containsKey).toList();
    }

    /**
     * The platform a form or a file names (its key, name or label), or the only one installed when it names none.
     *
     * @throws AccountProblem (field "platform") naming the platforms to choose from
     */
    Platform named(@Nullable String value) {
        List<Platform> platforms = connectable();
        String names = String.join(", ", platforms.stream().map(Platform::label).toList());
        if (value == null || value.isBlank()) {
            if (platforms.size() == 1) {
                return platforms.getFirst();
            }
            throw new AccountProblem("platform", "Name the account's platform: " + names + ".");
        }
        return Platform.parse(value).filter(platforms::contains).orElseThrow(() -> new AccountProblem("platform",
                "\"" + value.strip() + "\" is not a platform accounts can be connected on here; use " + names + "."));
    }

    ProfileReader profiles(Platform platform) {
        return required(profiles, platform);
    }

    TokenKeeper tokens(Platform platform) {
        return required(tokens, platform);
    }

    PlatformSignIn signIn(Platform platform) {
        return required(signIns, platform);
    }

    private static <P> P required(Map<Platform, P> ports, Platform platform) {
        P port = ports.get(platform);
        if (port == null) {
            throw new AccountProblem("platform", "Switchboard has no " + platform.label() + " adapter installed: "
                    + "its accounts cannot be connected or checked.");
        }
        return port;
    }
}
