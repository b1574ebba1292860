package io.switchboard.insights;

import io.switchboard.tasks.TaskKind;
import io.switchboard.tasks.TaskRequest;

/**
 * The payload of a collection task: one account's due post metrics and, when due, its day. In their own queue,
 * at most one per account at a time across the cluster, no second live task for the same account.
 */
record CollectInsights(long accountId) {
    static final TaskKind<CollectInsights> KIND = TaskKind.of("insights.collect", CollectInsights.class);
    static final String QUEUE = "insights";

    static TaskRequest<CollectInsights> request(long accountId) {
        String key = "insights:account:" + accountId;
        return TaskRequest.of(KIND, new CollectInsights(accountId)).withQueue(QUEUE).withPriority(-10)
                .withConcurrency(key, 1).withUniqueKey(key).withMaxAttempts(5);
    }
}
