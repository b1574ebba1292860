package io.switchboard.accounts;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of accounts in username order.
 *
 * @param next the cursor for the following page ({@link Accounts#list}'s {@code after}), null on the last
 */
public record AccountPage(List<Account> accounts, @Nullable String next) {
}
