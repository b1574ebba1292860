/**
 * Insights: what each published post and each account showed on its platform, collected as background tasks (queue
 * {@code insights}, one account at a time, yielding to publishing) on a decaying schedule and kept as time series;
 * campaign results, account charts, best hours and reports read from them. Declares the {@link
 * io.switchboard.insights.MetricsFetcher} port that each platform's adapter module implements; a platform without
 * one is skipped, said in words on its accounts.
 */
@NullMarked
package io.switchboard.insights;

import org.jspecify.annotations.NullMarked;
