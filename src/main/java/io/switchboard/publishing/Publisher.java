package io.switchboard.publishing;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;

/**
 * One platform's publishing protocol, implemented by that platform's adapter module (as
 * {@link io.switchboard.platform.EgressRoutes} is declared upstream and implemented by {@code proxies}). The publish
 * runner keeps the post's bookkeeping (spacing, quota waits, holds, failures, recovery records) and calls this one
 * step at a time; each call makes a few platform calls at most, never waits for the platform, and answers a
 * {@link PublishStep}.
 *
 * <p>The contract that keeps a post from being published twice, whatever instance dies at whatever moment:
 * <ul>
 *     <li>Whatever the platform hands back first (a container id, a publish id) is answered at once as
 *     {@link PublishStep.Created}: the runner stores it before the next call, and passes it back in
 *     {@link PublishAttempt.Progress#handle()} on every later step.</li>
 *     <li>{@link #advance} never makes the call that publishes. When that call is next it answers
 *     {@link PublishStep.ReadyToPublish}; the runner then records that publishing is asked for
 *     ({@link PublishAttempt.Progress#publishRequestedAt()}) and only then calls {@link #publish}.</li>
 *     <li>A step whose progress says publishing was asked for (by this run or one that died) first asks the platform
 *     where its object stands, and answers {@link PublishStep.AlreadyPublished} rather than publish again.</li>
 *     <li>{@link PublishStep.StartOver} (forget the handle, make a new object) only when the platform's object
 *     can no longer be published (it expired, it failed).</li>
 *     <li>A follow-up of the publication (the first comment) is made once the same way: the runner records the
 *     request before {@link #followUp}, stores the comment id it answers, and a run that finds the request recorded
 *     without an id lets {@link #checkFollowUp} look among the post's comments before commenting again.</li>
 * </ul>
 * Adapters are Spring beans; exactly one per {@link Platform}. Every adapter passes the same SIGKILL tests
 * (PublishingCrashTest) against its sandbox.
 */
public interface Publisher {

    /** The platform this adapter publishes to. */
    Platform platform();

    /**
     * Takes the post one step on from where {@code attempt.progress()} says it stands: with no handle, check what
     * must be checked before anything is made (the live quota, what the creator may post) and make the platform's
     * object; with a handle, ask the platform where it stands. Never the call that publishes.
     */
    PublishStep advance(PublishAttempt attempt);

    /**
     * Makes the call that publishes (Instagram's {@code media_publish}, TikTok's post init). Called only right after
     * {@link #advance} answered {@link PublishStep.ReadyToPublish} and the runner recorded the request, so
     * {@code attempt.progress().publishRequestedAt()} is set. Never answers {@link PublishStep.ReadyToPublish}.
     */
    PublishStep publish(PublishAttempt attempt);

    /**
     * Looks whether a published post's follow-up (the first comment) is still to be made. With
     * {@code followUp.requested()} (a run recorded the request and may have died with the call in flight), first
     * asks the platform for it and answers {@link FollowUp.AlreadyDone} when found; otherwise {@link FollowUp.Ready}.
     * Never makes it. The runner then records the request and calls {@link #followUp}.
     */
    default FollowUp.Step checkFollowUp(FollowUp followUp) {
        return new FollowUp.Failed(platform().label() + " posts take no first comment through Switchboard.", false);
    }

    /** Makes the follow-up (posts the first comment); called right after the runner recorded the request. */
    default FollowUp.Step followUp(FollowUp followUp) {
        return checkFollowUp(followUp);
    }

    /** The account's publishing quota as the platform reports it now (for the account's page). */
    PlatformResult<PublishingQuota> quota(Credentials credentials);
}
