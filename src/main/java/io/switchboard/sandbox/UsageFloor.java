package io.switchboard.sandbox;

/**
 * Usage the headers report at least: for scope "app", "accounts" (each account) or one account id. At 100 %
 * the sandbox throttles that scope.
 */
record UsageFloor(String scope, int percent, int regainMinutes) {
    static final String APP = "app";
    static final String EVERY_ACCOUNT = "accounts";
}
