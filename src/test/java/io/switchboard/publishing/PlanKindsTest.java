package io.switchboard.publishing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The preview's summary: problems of one kind are one line with their count and first examples. */
class PlanKindsTest {

    @Test
    void problems_with_one_label_are_one_kind_with_a_count_and_the_first_examples() {
        List<Plan.Problem> problems = new java.util.ArrayList<>();
        problems.add(Plan.Problem.error("The name has 300 characters; keep it to 200."));
        for (long account = 1; account <= 2000; account++) {
            problems.add(new Plan.Problem(Plan.Severity.WARNING, "2 posts of @user_" + account + " go out later",
                    Set.of(account), null, "later: quota"));
        }
        problems.add(Plan.Problem.error("Media \"Clip\" is not ready (preparing)."));
        problems.add(new Plan.Problem(Plan.Severity.ERROR, "Proxy eu-1 is down", Set.of(7L), null, "held: proxy down"));

        List<Plan.Kind> kinds = new Plan(List.of(), problems).kinds(3);

        assertThat(kinds).extracting(Plan.Kind::count).containsExactly(1, 2000, 1, 1);
        Plan.Kind quota = kinds.get(1);
        assertThat(quota.label()).isEqualTo("later: quota");
        assertThat(quota.kind()).isEqualTo("Warning");
        assertThat(quota.examples()).extracting(Plan.Problem::message).containsExactly(
                "2 posts of @user_1 go out later", "2 posts of @user_2 go out later", "2 posts of @user_3 go out later");
        assertThat(kinds.get(0).examples().getFirst().message()).startsWith("The name has 300");
        assertThat(kinds.get(3).kind()).isEqualTo("Blocker");
    }
}
