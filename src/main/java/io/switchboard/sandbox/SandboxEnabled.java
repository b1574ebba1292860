package io.switchboard.sandbox;

import io.switchboard.platform.PlatformMode;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The sandbox exists only in sandbox mode; live, its paths answer 404. */
class SandboxEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return PlatformMode.of(context.getEnvironment()) == PlatformMode.SANDBOX;
    }
}
